package io.partnerflow.infra.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.partnerflow.infra.demo.DemoClient;

/** The bench observers' cheap JSON reads (pure: no I/O beyond parsing the given text). */
final class JsonFields {
    private JsonFields() {
    }

    /**
     * The string values at the given dotted paths (e.g. {@code deal.crmDealId}) of a JSON object, read with Jackson's
     * streaming parser: no tree is built, values off the paths are skipped, and it stops once all are found.
     */
    static String[] of(String json, String... paths) throws java.io.IOException {
        String[] found = new String[paths.length];
        int missing = paths.length;
        try (JsonParser p = DemoClient.JSON.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return found;
            }
            java.util.ArrayDeque<String> prefixes = new java.util.ArrayDeque<>();
            String prefix = "";
            JsonToken t;
            while (missing > 0 && (t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT) {
                    if (prefixes.isEmpty()) {
                        break;
                    }
                    prefix = prefixes.pop();
                    continue;
                }
                String name = prefix + p.currentName(); // t is FIELD_NAME here
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT) {
                    if (isPrefix(name + ".", paths)) {
                        prefixes.push(prefix);
                        prefix = name + ".";
                    } else {
                        p.skipChildren();
                    }
                } else if (v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    for (int i = 0; i < paths.length; i++) {
                        if (found[i] == null && paths[i].equals(name) && v == JsonToken.VALUE_STRING) {
                            found[i] = p.getText();
                            missing--;
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean isPrefix(String prefix, String[] paths) {
        for (String path : paths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
