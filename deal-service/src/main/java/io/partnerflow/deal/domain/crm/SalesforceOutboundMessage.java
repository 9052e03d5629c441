package io.partnerflow.deal.domain.crm;

import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.PartnerRef;
import io.partnerflow.deal.domain.StageMapping;
import io.partnerflow.deal.domain.TouchTypes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Salesforce Outbound Message (SOAP, namespace {@code http://soap.sforce.com/2005/09/outbound}): the organisation
 * id and up to 100 notifications, each with its id and one sObject's fields. Parsing refuses DTDs and external
 * entities.
 */
public record SalesforceOutboundMessage(String organizationId, List<Notification> notifications) {
    public static final String SYSTEM = "salesforce";
    public static final String NS = "http://soap.sforce.com/2005/09/outbound";
    public static final int MAX_NOTIFICATIONS = 100;
    public static final String ACK = """
            <?xml version="1.0" encoding="UTF-8"?>\
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>\
            <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>\
            </soapenv:Body></soapenv:Envelope>""";

    /** @param objectType the sObject type without prefix, e.g. {@code Opportunity} */
    public record Notification(String id, String objectType, Map<String, String> fields) {
    }

    public static SalesforceOutboundMessage parse(byte[] xml) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new InvalidCrmDataException("not a well-formed SOAP message: " + e.getMessage());
        }
        NodeList roots = doc.getElementsByTagNameNS(NS, "notifications");
        if (roots.getLength() != 1) {
            throw new InvalidCrmDataException("not a Salesforce Outbound Message (no <notifications> element)");
        }
        Element root = (Element) roots.item(0);
        String org = childText(root, "OrganizationId");
        if (org == null) {
            throw new InvalidCrmDataException("the message has no OrganizationId");
        }
        List<Notification> out = new ArrayList<>();
        for (Element n : children(root, "Notification")) {
            String id = childText(n, "Id");
            List<Element> objects = children(n, "sObject");
            if (id == null || objects.size() != 1) {
                throw new InvalidCrmDataException("each Notification needs an Id and one sObject");
            }
            Element so = objects.get(0);
            String type = so.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type");
            if (type == null || type.isBlank()) {
                throw new InvalidCrmDataException("notification " + id + ": the sObject has no xsi:type");
            }
            type = type.contains(":") ? type.substring(type.indexOf(':') + 1) : type;
            Map<String, String> fields = new LinkedHashMap<>();
            for (Node c = so.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e && !"true".equals(e.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"))) {
                    fields.put(e.getLocalName(), e.getTextContent().trim());
                }
            }
            out.add(new Notification(id, type, fields));
        }
        if (out.isEmpty() || out.size() > MAX_NOTIFICATIONS) {
            throw new InvalidCrmDataException("a message holds 1 to " + MAX_NOTIFICATIONS + " notifications, not " + out.size());
        }
        return new SalesforceOutboundMessage(org, List.copyOf(out));
    }

    /** Opportunities → deals; the configured touch object → touchpoints; other objects are not for us. */
    public List<CrmChange> changes(CrmMapping m, StageMapping stages) {
        return changes(m, stages, new SalesforceRecords());
    }

    /**
     * As above, with line items: the newest Opportunity fields and its line items are kept in {@code records}; each
     * Opportunity or line item notification yields the deal rebuilt from both (version: the newest of their
     * last-modified times), or a "waiting" note while the line items do not sum to the Opportunity's amount or the
     * Opportunity itself has not arrived.
     */
    public List<CrmChange> changes(CrmMapping m, StageMapping stages, SalesforceRecords records) {
        // first every Opportunity and line item of the message is kept (newest wins), then each notification yields
        // the deal as the whole message leaves it — a message carrying an Opportunity and its line items gives one
        // consistent deal, not a one-line deal corrected a moment later
        Map<String, String> stale = new java.util.HashMap<>();
        for (Notification n : notifications) {
            String where = "notification " + n.id() + " (" + n.objectType() + ")";
            try {
                if ("Opportunity".equals(n.objectType())) {
                    Fields f = new Fields(n.fields(), m.deal(), where);
                    String opp = f.require("id");
                    long v = version(f);
                    Map<String, String> stored = records.opportunity(opp);
                    long storedVersion = stored == null ? Long.MIN_VALUE : version(new Fields(stored, m.deal(), where));
                    if (storedVersion > v) {
                        stale.put(n.id(), "stale: Opportunity " + opp + " is at version " + storedVersion + ", version "
                                + v + " ignored");
                    } else {
                        records.putOpportunity(opp, n.fields());
                    }
                } else if (isLineItem(n, m)) {
                    Fields f = new Fields(n.fields(), m.lineItem(), where);
                    String opp = f.require("deal");
                    String item = f.require("id");
                    long v = version(f);
                    Map<String, String> stored = records.lineItems(opp).get(item);
                    if (stored == null || version(new Fields(stored, m.lineItem(), where)) <= v) {
                        records.putLineItem(opp, item, n.fields());
                    }
                }
            } catch (InvalidCrmDataException e) {
                throw new InvalidCrmDataException(where + ": " + e.getMessage(), e);
            }
        }
        List<CrmChange> out = new ArrayList<>();
        for (Notification n : notifications) {
            String where = "notification " + n.id() + " (" + n.objectType() + ")";
            try {
                if ("Opportunity".equals(n.objectType())) {
                    Fields f = new Fields(n.fields(), m.deal(), where);
                    out.add(stale.containsKey(n.id()) ? new CrmChange.Noted(n.id(), SYSTEM, version(f), stale.get(n.id()))
                            : deal(n.id(), f.require("id"), m, stages, records));
                } else if (isLineItem(n, m)) {
                    Fields f = new Fields(n.fields(), m.lineItem(), where);
                    String opp = f.require("deal");
                    out.add(records.opportunity(opp) == null
                            ? new CrmChange.Noted(n.id(), SYSTEM, version(f), "waiting: line item " + f.require("id")
                            + " kept; Opportunity " + opp + " has not arrived yet")
                            : deal(n.id(), opp, m, stages, records));
                } else if (n.objectType().equals(m.touchObject())) {
                    Fields f = new Fields(n.fields(), m.touch(), where);
                    if (f.bool("removed")) {
                        out.add(new CrmChange.TouchpointRemoved(n.id(), SYSTEM, f.require("id"), version(f)));
                    } else {
                        out.add(new CrmChange.TouchpointRecorded(n.id(), SYSTEM, f.require("id"), version(f),
                                f.require("deal"), PartnerRef.of(f.get("partner-id"), SYSTEM, f.get("partner-account")),
                                TouchTypes.canonical(f.require("type")), requireInstant(f, "occurred-at"), f.get("evidence")));
                    }
                }
            } catch (InvalidCrmDataException e) {
                throw new InvalidCrmDataException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static boolean isLineItem(Notification n, CrmMapping m) {
        return n.objectType().equals(m.lineItemObject()) && !m.lineItem().isEmpty();
    }

    /** The opportunities the notifications are about (Opportunity ids, line items' opportunity ids). */
    public java.util.Set<String> opportunityIds(CrmMapping m) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Notification n : notifications) {
            String id = "Opportunity".equals(n.objectType()) ? n.fields().get(m.deal().get("id"))
                    : n.objectType().equals(m.lineItemObject()) ? n.fields().get(m.lineItem().get("deal")) : null;
            if (id != null && !id.isBlank()) {
                out.add(id.trim());
            }
        }
        return out;
    }

    /** The deal from the newest Opportunity fields and its kept line items, or a note of what it waits for. */
    private static CrmChange deal(String itemId, String opp, CrmMapping m, StageMapping stages, SalesforceRecords records) {
        Fields f = new Fields(records.opportunity(opp), m.deal(), "Opportunity " + opp);
        long version = version(f);
        List<LineItems.Item> items = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : records.lineItems(opp).entrySet()) {
            Fields lf = new Fields(e.getValue(), m.lineItem(), "line item " + e.getKey());
            if (!lf.bool("removed")) {
                items.add(new LineItems.Item(e.getKey(), e.getValue()));
            }
            version = Math.max(version, version(lf));
        }
        try {
            return new CrmChange.DealUpserted(itemId, SYSTEM, opp, version,
                    MappedDeals.deal(f, m, stages, null, items, "Opportunity " + opp));
        } catch (LineItems.LinesDoNotSum e) {
            return new CrmChange.Noted(itemId, SYSTEM, version, "waiting: " + e.getMessage());
        }
    }

    private static long version(Fields f) {
        Instant modified = f.instant("modified-at");
        if (modified == null) {
            throw new InvalidCrmDataException("no last-modified time (field '" + f.name("modified-at") + "') to order updates by");
        }
        return modified.toEpochMilli();
    }

    private static Instant requireInstant(Fields f, String logical) {
        Instant i = f.instant(logical);
        if (i == null) {
            throw new InvalidCrmDataException("no " + logical + " (field '" + f.name(logical) + "')");
        }
        return i;
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String childText(Element parent, String local) {
        List<Element> l = children(parent, local);
        if (l.isEmpty()) {
            return null;
        }
        String t = l.get(0).getTextContent();
        return t == null || t.isBlank() ? null : t.trim();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
