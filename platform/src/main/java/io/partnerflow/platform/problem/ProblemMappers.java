package io.partnerflow.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
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

    /** Unreadable bodies (Quarkus REST has built-in mappers for the subclasses; listed so ours win). */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class})
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        List<Problem.FieldError> errors = null;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            String why = e instanceof InvalidFormatException f
                    ? "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName()
                    + (f.getTargetType().isEnum() ? " (one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants()) + ")" : "")
                    : e.getOriginalMessage();
            errors = List.of(new Problem.FieldError(field, why));
        }
        return respond(new Problem("urn:partnerflow:problem:malformed-body", "Bad Request", 400,
                "the request body is not valid JSON for this operation: " + e.getOriginalMessage(), path(uri), errors));
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

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s == null ? "HTTP " + status : s.getReasonPhrase();
        return respond(new Problem("about:blank", title, status, e.getMessage(), path(uri), null));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
        if (io.partnerflow.platform.messaging.Failures.isInfrastructure(e)) {
            // the database is away (restart, failover): tell the caller to come back, as a CRM's retry loop expects
            LOG.warn("database unavailable on " + path(uri) + ": " + e);
            return Response.fromResponse(respond(new Problem("urn:partnerflow:problem:unavailable", "Service Unavailable", 503,
                    "the database is unavailable for a moment; nothing was written — retry", path(uri), null)))
                    .header("Retry-After", "5").build();
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

    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "create.arg0.name" / "create.request.name" → "name"
        int firstDot = path.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : path.indexOf('.', firstDot + 1);
        return secondDot < 0 ? path : path.substring(secondDot + 1);
    }
}
