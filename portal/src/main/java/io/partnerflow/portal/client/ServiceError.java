package io.partnerflow.portal.client;

/**
 * A service answered with an error (or could not be reached): its status and the problem+json {@code detail}, shown to
 * the user as the message — never a stack trace.
 */
public class ServiceError extends RuntimeException {
    private final String service;
    private final int status;
    private final String title;
    private final String detail;

    public ServiceError(String service, int status, String title, String detail) {
        super(service + " answered " + status + ": " + detail);
        this.service = service;
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }
}
