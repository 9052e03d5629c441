package io.partnerflow.contracts;

import java.util.List;

/** Event data that does not satisfy its type's JSON Schema. */
public class ContractViolationException extends IllegalArgumentException {
    private final String type;
    private final List<String> errors;

    public ContractViolationException(String type, List<String> errors) {
        super(type + " violates its contract: " + String.join("; ", errors));
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public String type() {
        return type;
    }

    public List<String> errors() {
        return errors;
    }
}
