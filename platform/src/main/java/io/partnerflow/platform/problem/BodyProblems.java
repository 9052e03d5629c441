package io.partnerflow.platform.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.partnerflow.platform.input.Text;

import java.util.Arrays;
import java.util.List;

/** Turns a Jackson refusal of a request body into a 400 problem naming the JSON path and the rule. */
final class BodyProblems {
    static final String TYPE = "urn:partnerflow:problem:malformed-body";
    private static final int MAX_ECHO = 120;

    private BodyProblems() {
    }

    static Problem of(JsonProcessingException e, String instance) {
        String field = field(e);
        JsonProcessingException root = e;
        while (root.getCause() instanceof JsonProcessingException c && c != root) {
            root = c;
        }
        String rule = rule(root instanceof StreamReadException ? root : e);
        String detail;
        if (root instanceof StreamConstraintsException) {
            detail = "the request body exceeds a size limit: " + rule;
        } else if (root instanceof InputCoercionException) {
            detail = "the request body is not valid for this operation: " + (field.isEmpty() ? "" : field + " ") + rule;
        } else if (root instanceof StreamReadException) {
            detail = "the request body is not well-formed JSON" + at(root.getLocation()) + ": " + rule;
        } else if (isTrailing(e)) {
            detail = "the request body must be exactly one JSON value; more follows it" + at(e.getLocation());
            rule = "nothing may follow the JSON value";
        } else {
            detail = "the request body is not valid for this operation: " + (field.isEmpty() ? "" : field + " ") + rule;
        }
        return new Problem(TYPE, "Bad Request", 400, detail, instance,
                List.of(new Problem.FieldError(field.isEmpty() ? "$" : field, rule)));
    }

    /** {@code lines[0].amount}: the path of the value Jackson refused, or where the parser stopped; "" = the whole body. */
    static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    if (!b.isEmpty()) {
                        b.append('.');
                    }
                    b.append(Text.preview(r.getFieldName(), 60));
                } else if (r.getIndex() >= 0) {
                    b.append('[').append(r.getIndex()).append(']');
                }
            }
            return b.toString();
        }
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            String pointer = p.getParsingContext().pathAsPointer().toString(); // "/lines/0/amount"
            if (!pointer.isEmpty()) {
                return Text.preview(pointer.substring(1).replace('/', '.'), 120);
            }
        }
        return "";
    }

    static String rule(JsonProcessingException e) {
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            String what = target == null ? "value" : target.getSimpleName();
            if (target != null && target.isEnum()) {
                return "'" + Text.preview(f.getValue(), MAX_ECHO) + "' is not a valid " + what + " (one of "
                        + Arrays.toString(target.getEnumConstants()) + ")";
            }
            String own = f.getOriginalMessage();
            if (own != null && (own.contains("control characters") || own.contains("valid Unicode"))) {
                return Text.preview(own.substring(own.lastIndexOf(':') + 1).strip(), MAX_ECHO * 2);
            }
            return "'" + Text.preview(f.getValue(), MAX_ECHO) + "' is not a valid " + what;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && m.getTargetType().isEnum()
                && m.getOriginalMessage() != null && m.getOriginalMessage().contains("ordinal")) {
            return "must be one of " + Arrays.toString(m.getTargetType().getEnumConstants()) + ", not a number";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null && v.getCause().getMessage() != null) {
            return Text.preview(v.getCause().getMessage(), MAX_ECHO * 2);
        }
        String m = e.getOriginalMessage();
        return m == null ? "not readable" : Text.preview(m.replaceAll("\\s*\\n.*", ""), MAX_ECHO * 3);
    }

    private static boolean isTrailing(JsonProcessingException e) {
        return e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token");
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
