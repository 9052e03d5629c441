package io.partnerflow.platform.input;

import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Query and path parameters obey the same text rule as JSON strings ({@link Text}): a NUL or another control
 * character (except TAB/LF/CR) in any of them is a 400 naming the parameter, before the resource runs.
 */
public class ParameterTextFilter {

    @ServerRequestFilter
    public void refuseControlCharacters(UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        check(uri.getPathParameters(), errors);
        check(uri.getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("a request parameter is not acceptable text",
                    errors.toArray(Problem.FieldError[]::new));
        }
    }

    static void check(MultivaluedMap<String, String> params, List<Problem.FieldError> errors) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String name = p.getKey();
            String nameWhy = Text.violation(name);
            if (nameWhy != null) {
                errors.add(new Problem.FieldError(Text.preview(name, 60), "a parameter name " + nameWhy));
                continue;
            }
            for (String v : p.getValue()) {
                String why = Text.violation(v);
                if (why != null) {
                    errors.add(new Problem.FieldError(name, why));
                    break;
                }
            }
        }
    }
}
