package io.partnerflow.deal.application;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Kept CRM records (crm_record_state.properties) as JSON: one record's fields, or several records' fields by id. */
final class RecordJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordJson() {
    }

    static Map<String, String> fields(String json) {
        return read(json, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    static Map<String, Map<String, String>> items(String json) {
        return read(json, new TypeReference<LinkedHashMap<String, Map<String, String>>>() { });
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("kept CRM record unreadable", e);
        }
    }
}
