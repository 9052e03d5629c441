package io.partnerflow.platform.problem;

import java.util.List;

/** Thrown by application code to answer with a specific problem+json; nothing has been written. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final String type;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, String type, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail, Problem.FieldError... errors) {
        return new ProblemException(400, "Bad Request", detail, "urn:partnerflow:problem:invalid-input", List.of(errors));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, "urn:partnerflow:problem:not-found", null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, "urn:partnerflow:problem:conflict", null);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable Content", detail, "urn:partnerflow:problem:rule-violation", null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, "urn:partnerflow:problem:forbidden", null);
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors);
    }
}
