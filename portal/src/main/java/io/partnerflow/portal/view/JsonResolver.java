package io.partnerflow.portal.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.EngineConfiguration;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.ValueResolver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Lets templates read the services' JSON as it is ({@code {ledger.dealName}}): an object's field is its JSON value (a
 * leaf as text), an array iterates; {@code money} on a {@code {"amount","currency"}} object is an {@link Amount}.
 */
@EngineConfiguration
public class JsonResolver implements ValueResolver {

    @Override
    public boolean appliesTo(EvalContext context) {
        return context.getBase() instanceof JsonNode;
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        JsonNode node = (JsonNode) context.getBase();
        String name = context.getName();
        if (name.equals("money") && node.has("amount") && node.has("currency")) {
            return CompletableFuture.completedFuture(Amount.of(node.get("amount").asText(), node.get("currency").asText()));
        }
        if (name.equals("text")) {
            return CompletableFuture.completedFuture(node.isValueNode() ? node.asText() : node.toString());
        }
        if (name.equals("size")) {
            return CompletableFuture.completedFuture(node.size());
        }
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.completedFuture(v.isValueNode() ? v.asText() : v);
    }
}
