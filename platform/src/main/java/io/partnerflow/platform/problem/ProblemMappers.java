package io.partnerflow.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;

/** Every error leaves a service as {@code application/problem+json}; unexpected ones without internals. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    /** Bean Validation of REST input (Quarkus throws its own subclass; mapped explicitly so ours wins). */
    @ServerExceptionMapper({ConstraintViolationException.class, ResteasyReactiveViolationException.class})
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(new Problem("urn:partnerflow:problem:invalid-input", "Bad Request", 400,
                "the request is not valid", path(uri), errors));
    }

    /**
     * Unreadable bodies (Quarkus REST has built-in mappers for the subclasses; listed so ours win): not JSON, more than
     * one JSON value, a value of the wrong type, a refused coercion (see {@code input/StrictJson}), over a parser limit.
     * The problem names the JSON path of the offending value ({@code lines[0].amount}) and the rule it broke.
     */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class, StreamConstraintsException.class})
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(BodyProblems.of(e, path(uri)));
    }
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        return respond(new Problem("urn:partnerflow:problem:invalid-input", "Bad Request", 400,
                e.getMessage(), path(uri), null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(new Problem("urn:partnerflow:problem:unauthorized", "Unauthorized", 401,
                "a valid bearer token is required", path(uri), null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem("urn:partnerflow:problem:forbidden", "Forbidden", 403,
                "your role does not allow this", path(uri), null));
    }

    /**
     * JAX-RS refusals: 404 (no such path, or a path parameter that does not convert), 405, 406, 415, and a body the
     * JSON reader wrapped (its cause is mapped like {@link #unreadable}). Never a bare "HTTP 400": the detail says what
     * was wrong; the response's own headers (e.g. {@code Allow} on a 405) are kept.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers, Request request) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof JsonProcessingException) && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s == null ? "HTTP " + status : s.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource" + (e.getCause() != null ? " (a path parameter is not valid: "
                    + io.partnerflow.platform.input.Text.preview(e.getCause().getMessage(), 200) + ")" : "");
            case 405 -> "method " + (request == null ? "" : request.getMethod() + " ") + "is not allowed on this path"
                    + (e.getResponse().getAllowedMethods().isEmpty() ? "" : "; allowed: "
                    + new java.util.TreeSet<>(e.getResponse().getAllowedMethods()));
            case 406 -> "none of the acceptable media types (" + (headers == null ? "" : headers.getHeaderString(HttpHeaders.ACCEPT))
                    + ") can be produced; accept application/json";
            case 415 -> "Content-Type " + (headers == null || headers.getMediaType() == null ? "(none)" : headers.getMediaType())
                    + " is not supported here; send application/json";
            default -> meaningful(e);
        };
        String type = switch (status) {
            case 404 -> "urn:partnerflow:problem:not-found";
            case 400 -> "urn:partnerflow:problem:invalid-input";
            default -> "about:blank";
        };
        Response.ResponseBuilder b = Response.fromResponse(respond(new Problem(type, title, status, detail, path(uri), null)));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.type(Problem.MEDIA_TYPE).build();
    }

    /** The exception's message unless it is JAX-RS' "HTTP 400 Bad Request" boilerplate; then its cause's. */
    private static String meaningful(WebApplicationException e) {
        String m = e.getMessage();
        if (m == null || m.matches("HTTP \\d{3}.*")) {
            Throwable c = e.getCause();
            m = c != null && c.getMessage() != null ? c.getMessage()
                    : "the request was refused (" + e.getResponse().getStatus() + ")";
        }
        return io.partnerflow.platform.input.Text.preview(m, 300);
    }

    /**
     * Anything no other mapper took — a Throwable, not only an Exception: the pg client fails a query on a connection
     * that closed under it (PostgreSQL crashed) with a bare {@code NoStackTraceThrowable}, which an Exception mapper
     * never saw, so the webhook intake answered 500 instead of 503 (fault run at 100 deals/s, session 12).
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (io.partnerflow.platform.messaging.Failures.isInfrastructure(e)) {
            // the database is away (restart, failover): tell the caller to come back, as a CRM's retry loop expects
            LOG.warn("database unavailable on " + path(uri) + ": " + e);
            return Response.fromResponse(respond(new Problem("urn:partnerflow:problem:unavailable", "Service Unavailable", 503,
                    "the database is unavailable for a moment; nothing was written — retry", path(uri), null)))
                    .header("Retry-After", "5").build();
        }
        if (io.partnerflow.platform.messaging.Failures.isRefusedInputValue(e)) {
            // a value longer than its column or not in its form (e.g. a 101-character partner id in a path): the
            // statement failed inside the request's transaction, which rolled back. PostgreSQL's message names no
            // field and would show the schema, so it is not echoed.
            // WARN: a stored value cast in a query fails the same way — a bug that would otherwise hide as a 400
            LOG.warn("database refused a value on " + path(uri) + ": " + e);
            return respond(new Problem("urn:partnerflow:problem:invalid-input", "Bad Request", 400,
                    "a value is too long or not in the form it is stored in; nothing was written", path(uri), null));
        }
        LOG.error("unexpected error on " + path(uri), e);
        return respond(new Problem("urn:partnerflow:problem:internal", "Internal Server Error", 500,
                "an unexpected error occurred; nothing was written", path(uri), null));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    static String field(ConstraintViolation<?> v) {
        java.util.List<jakarta.validation.Path.Node> nodes = new java.util.ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        // "list.limit": a query/path parameter is named by itself, not with its method ("list.limit" → "limit")
        if (nodes.size() == 2 && nodes.get(0).getKind() == jakarta.validation.ElementKind.METHOD
                && nodes.get(1).getKind() == jakarta.validation.ElementKind.PARAMETER) {
            return nodes.get(1).getName();
        }
        String path = v.getPropertyPath().toString();
        // "create.arg0.name" / "create.request.name" → "name"
        int firstDot = path.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : path.indexOf('.', firstDot + 1);
        return secondDot < 0 ? path : path.substring(secondDot + 1);
    }
}
