package io.aksflux.emulator.http;

/** A request ARM refuses: thrown anywhere in a handler, answered as an ARM-shaped error body. */
public final class ArmError extends RuntimeException {
    private final int status;
    private final String code;

    public ArmError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public ArmResponse response() {
        return ArmResponse.error(status, code, getMessage());
    }

    public static ArmError badRequest(String code, String message) {
        return new ArmError(400, code, message);
    }
}
