package io.aksflux.error;


/** A template set is broken: a missing file, a bad placeholder, a path that leaves the repository. */
public final class TemplateException extends AksfluxException {
    private final transient Problem problem;

    public TemplateException(String message) {
        super(message);
        this.problem = new Problem(null, "", Problem.inert(message));
    }

    /** Where in a layout or template file ({@code line} 0: not known), the field there, and what is wrong; text kept inert. */
    public TemplateException(Origin origin, String field, String detail) {
        this(new Problem(origin, field, Problem.inert(detail)));
    }

    private TemplateException(Problem problem) {
        super(problem.render());
        this.problem = problem;
    }

    /** The problem as validation lists it: the template or layout file, its line when known, the field. */
    public Problem problem() {
        return problem;
    }
}
