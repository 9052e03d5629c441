package io.partnerflow.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog, the resource files, the records and the docs describe the same set of types. */
class CatalogTest {
    /** The type strings are a public contract: changing one is a breaking change, so they are pinned here. */
    private static final List<String> TYPES = List.of(
            "partnerflow.crm.delivery-received.v1",
            "partnerflow.partner.registered.v1",
            "partnerflow.partner.updated.v1",
            "partnerflow.partner.status-changed.v1",
            "partnerflow.partner.tier-changed.v1",
            "partnerflow.partner.certification-completed.v1",
            "partnerflow.deal.registration-submitted.v1",
            "partnerflow.deal.registration-approved.v1",
            "partnerflow.deal.registration-rejected.v1",
            "partnerflow.deal.registration-expired.v1",
            "partnerflow.deal.registration-converted.v1",
            "partnerflow.deal.registration-cancelled.v1",
            "partnerflow.deal.pipeline-updated.v1",
            "partnerflow.deal.closed-won.v1",
            "partnerflow.deal.reversed.v1",
            "partnerflow.deal.attributed.v1",
            "partnerflow.deal.attribution-reversed.v1",
            "partnerflow.deal.reattributed.v1",
            "partnerflow.fx.rate-published.v1",
            "partnerflow.fx.rate-corrected.v1",
            "partnerflow.earning.accrued.v1",
            "partnerflow.earning.reversed.v1",
            "partnerflow.earning.adjusted.v1",
            "partnerflow.mdf.allocated.v1",
            "partnerflow.mdf.claim-submitted.v1",
            "partnerflow.mdf.claim-approved.v1",
            "partnerflow.payout.run-approved.v1",
            "partnerflow.payout.paid.v1",
            "partnerflow.payout.failed.v1",
            "partnerflow.statement.issued.v1",
            "partnerflow.dispute.resolved.v1",
            "partnerflow.partner.segment-changed.v1",
            "partnerflow.partner.badge-awarded.v1",
            "partnerflow.challenge.completed.v1");

    @Test
    void catalogHoldsExactlyTheContractedTypeStrings() {
        assertEquals(TYPES, Arrays.stream(EventType.values()).map(EventType::type).toList());
    }

    @Test
    void everySchemaFileHasACatalogEntryAndViceVersa() {
        Set<String> files = new TreeSet<>(Resources.filesIn("schemas"));
        Set<String> catalog = Arrays.stream(EventType.values())
                .map(t -> t.schemaResource().substring("schemas/".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalog, files);
    }

    @Test
    void everySampleFileHasACatalogEntryAndViceVersa() {
        Set<String> files = new TreeSet<>(Resources.filesIn("samples"));
        Set<String> catalog = Arrays.stream(EventType.values())
                .map(t -> t.sampleResource().substring("samples/".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalog, files);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void entryIsWellFormed(EventType type) {
        assertTrue(type.type().matches("^partnerflow\\.[a-z]+(\\.[a-z]+(-[a-z]+)*)+\\.v[1-9][0-9]*$"), type.type());
        assertEquals(1, type.version());
        assertTrue(Topics.ALL.contains(type.topic()), type.topic());
        assertTrue(Services.ALL.contains(type.producer()), type.producer());
        assertTrue(!type.consumers().isEmpty());
        assertTrue(type.dataClass().isRecord());
        assertEquals(type.dataClass().getPackageName().startsWith("io.partnerflow.contracts."), true);

        JsonNode schema = Resources.schemaTree(type);
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals(type.schemaId(), schema.path("$id").asText());
        assertEquals(type.type(), schema.path("title").asText());
        assertEquals("object", schema.path("type").asText());
        assertTrue(!schema.has("additionalProperties") || schema.get("additionalProperties").asBoolean(),
                "event schemas stay open for additive fields");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void lookupsFindTheEntry(EventType type) {
        assertEquals(type, EventType.of(type.type()));
        assertEquals(type, EventType.find(type.type()).orElseThrow());
        assertEquals(type, EventType.forDataClass(type.dataClass()));
        assertTrue(EventType.onTopic(type.topic()).contains(type));
    }

    @Test
    void unknownTypesAreRefusedNotGuessed() {
        assertTrue(EventType.find("partnerflow.deal.closed-won.v2").isEmpty());
        assertTrue(EventType.find(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> EventType.of("io.partnerflow.contracts.deal.DealClosedWon"));
        assertThrows(IllegalArgumentException.class, () -> EventType.forDataClass(String.class));
        assertThrows(IllegalArgumentException.class, () -> EventType.DEAL_CLOSED_WON.keyOf("not a deal"));
    }

    @Test
    void kafkaKeysAreTheAggregateIds() {
        DealClosedWon won = EventJson.read(Resources.sample(EventType.DEAL_CLOSED_WON), DealClosedWon.class);
        assertEquals(won.dealId(), EventType.DEAL_CLOSED_WON.keyOf(won));
        assertEquals("EUR/USD", EventType.FX_RATE_PUBLISHED.keyOf(
                EventJson.read(EventType.FX_RATE_PUBLISHED.type(), Resources.sample(EventType.FX_RATE_PUBLISHED))));
        assertEquals("EUR/USD", EventType.FX_RATE_CORRECTED.keyOf(
                EventJson.read(EventType.FX_RATE_CORRECTED.type(), Resources.sample(EventType.FX_RATE_CORRECTED))));
        PartnerRegistered p = new PartnerRegistered("c81d5e7f-2a94-4b3c-8f61-5e0a7d2b9c44", "Orbis", null, "msp",
                "prospect", "US", "USD", List.of("orbis-msp.com"), Instant.parse("2024-11-04T16:20:00Z"));
        assertEquals(p.partnerId(), EventType.forData(p).keyOf(p));
        assertEquals(Map.of("partner", 18L, "registration", 6L, "deal", 6L, "currency-pair", 2L, "payout-run", 1L,
                        "crm-delivery", 1L),
                Arrays.stream(EventType.values()).collect(Collectors.groupingBy(EventType::aggregate, Collectors.counting())));
    }

    /** The record and the schema name the same fields, all the way down, with compatible JSON types. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordAndSchemaDescribeTheSameFields(EventType type) {
        SchemaNode root = new SchemaNode(Resources.schemaTree(type), Resources.schemaTree(type));
        compare(type.dataClass(), root, type.type());
    }

    @Test
    void eventCatalogDocumentListsEveryTypeAndSchema() throws IOException {
        Path doc = repositoryRoot().resolve("docs/event-catalog.md");
        assertTrue(Files.exists(doc), "docs/event-catalog.md exists");
        String text = Files.readString(doc);
        for (EventType t : EventType.values()) {
            assertTrue(text.contains("`" + t.type() + "`"), "docs/event-catalog.md lists " + t.type());
            assertTrue(text.contains(t.schemaName() + ".schema.json"), "docs/event-catalog.md names the schema of " + t);
        }
        for (String topic : Topics.ALL) {
            assertTrue(text.contains("`" + topic + "`"), "docs/event-catalog.md names topic " + topic);
        }
    }

    static Path repositoryRoot() {
        String root = System.getProperty("partnerflow.root");
        if (root != null && Files.isDirectory(Path.of(root, "docs"))) {
            return Path.of(root);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

    // ---- record ↔ schema comparison

    private record SchemaNode(JsonNode node, JsonNode document) {
        SchemaNode resolve() {
            SchemaNode current = this;
            for (int i = 0; i < 10 && (current.node.has("$ref") || isNullable(current.node)); i++) {
                if (isNullable(current.node)) { // optional field: {"anyOf": [{"type": "null"}, <schema>]}
                    current = new SchemaNode(current.node.get("anyOf").get(1), current.document);
                    continue;
                }
                String ref = current.node.get("$ref").asText();
                int hash = ref.indexOf('#');
                JsonNode doc = hash == 0 ? current.document
                        : EventJson.readTree(Resources.text("schemas/" + ref.substring(0, hash)));
                current = new SchemaNode(doc.at(ref.substring(hash + 1)), doc);
                if (current.node.isMissingNode()) {
                    throw new AssertionError("unresolvable $ref " + ref);
                }
            }
            return current;
        }

        static boolean isNullable(JsonNode n) {
            JsonNode anyOf = n.path("anyOf");
            return anyOf.size() == 2 && "null".equals(anyOf.get(0).path("type").asText());
        }

        SchemaNode child(String field) {
            return new SchemaNode(node.path(field), document);
        }
    }

    private static void compare(Class<?> record, SchemaNode schema, String where) {
        SchemaNode s = schema.resolve();
        Set<String> schemaProps = new TreeSet<>();
        s.node.path("properties").fieldNames().forEachRemaining(schemaProps::add);
        Set<String> recordProps = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(recordProps, schemaProps, "fields of " + record.getSimpleName() + " vs schema at " + where);
        for (String req : iterable(s.node.path("required"))) {
            assertTrue(recordProps.contains(req), where + " requires unknown field " + req);
        }
        for (RecordComponent c : record.getRecordComponents()) {
            boolean required = iterable(s.node.path("required")).contains(c.getName());
            boolean nullable = SchemaNode.isNullable(s.node.path("properties").path(c.getName()));
            assertTrue(required != nullable, where + "." + c.getName()
                    + ": required fields are not nullable, optional fields accept null");
            if (c.getType().isPrimitive()) {
                assertTrue(required, where + "." + c.getName() + " is a Java primitive, so the schema must require it");
            }
            compareValue(c.getType(), c.getGenericType(), s.child("properties").child(c.getName()), where + "." + c.getName());
        }
    }

    private static void compareValue(Class<?> type, Type generic, SchemaNode schema, String where) {
        SchemaNode s = schema.resolve();
        JsonNode n = s.node;
        if (type == Money.class) {
            JsonNode ref = SchemaNode.isNullable(schema.node) ? schema.node.get("anyOf").get(1) : schema.node;
            assertTrue(ref.path("$ref").asText().endsWith("#/$defs/money"), where + " is money");
        } else if (type.isRecord()) {
            compare(type, schema, where);
        } else if (List.class.isAssignableFrom(type)) {
            assertEquals("array", n.path("type").asText(), where);
            Type item = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Class<?> itemClass = item instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) item).getRawType();
            compareValue(itemClass, item, s.child("items"), where + "[]");
        } else if (Map.class.isAssignableFrom(type)) {
            assertEquals("object", n.path("type").asText(), where);
        } else if (type == String.class) {
            assertTrue(n.path("type").asText().equals("string") || n.has("enum"), where + " is a string");
        } else if (type == BigDecimal.class) {
            assertEquals("string", n.path("type").asText(), where + ": decimals travel as strings");
            assertTrue(n.has("pattern"), where + " has a decimal pattern");
        } else if (type == Instant.class) {
            assertEquals("date-time", n.path("format").asText(), where);
        } else if (type == LocalDate.class) {
            assertEquals("date", n.path("format").asText(), where);
        } else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            assertEquals("integer", n.path("type").asText(), where);
        } else if (type == boolean.class || type == Boolean.class) {
            assertEquals("boolean", n.path("type").asText(), where);
        } else {
            throw new AssertionError(where + ": no JSON mapping rule for " + type);
        }
    }

    private static List<String> iterable(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
