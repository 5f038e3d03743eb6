package io.aksflux.arm;

import io.aksflux.error.AksfluxException;
import io.aksflux.secret.Redactor;

import java.time.Duration;
import java.util.Optional;

/** ARM refused a request. Carries the HTTP status and ARM's error code; its message passes the {@link Redactor}. */
public final class ArmException extends AksfluxException {
    private final int status;
    private final String code;
    private final Duration retryAfter;

    public ArmException(int status, String code, String message, Duration retryAfter) {
        // ARM's text may quote the request (its protected settings) or its headers (the bearer token)
        super(Redactor.shared().redact("Azure Resource Manager answered " + status + (code == null || code.isEmpty() ? "" : " " + code)
                + (message == null || message.isEmpty() ? "" : ": " + message)));
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Another operation is running on the same cluster: worth waiting and trying again. */
    public boolean isConflict() {
        return status == 409 || "OperationNotAllowed".equalsIgnoreCase(code) || "Conflict".equalsIgnoreCase(code);
    }
}
