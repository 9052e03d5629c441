package io.partnerflow.payout.domain.returns;

import io.partnerflow.core.money.Money;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bank's answer to our payment files: ISO 20022 pain.002 status reports (transactions with status
 * {@code RJCT}), camt.054 notifications (entries with return information) and NACHA return files (entries followed by
 * a {@code 99} addenda with the return reason). The XML parser is hardened: no DOCTYPE at all (so no XXE, no entity
 * expansion), no external DTD or schema access, no XInclude. Anything unreadable is a {@link ReturnFileException}
 * naming where. Pure: text in, entries out.
 */
public final class ReturnFiles {
    private ReturnFiles() {
    }

    public enum Format {
        PAIN_002("pain.002"), CAMT_054("camt.054"), NACHA("nacha");

        private final String wire;

        Format(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** The rejections/returns a file reports, and how many other (accepted, unrelated) transactions it listed. */
    public record Parsed(Format format, List<ReturnEntry> returns, int ignored) {
    }

    public static Parsed parse(String content) {
        if (content == null || content.isBlank()) {
            throw new ReturnFileException("file", "empty: a pain.002, camt.054 or NACHA return file is expected");
        }
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return text.stripLeading().startsWith("<") ? xml(text) : nacha(text);
    }

    // ---- ISO 20022

    private static Parsed xml(String text) {
        Document doc = secureParse(text);
        Element root = doc.getDocumentElement();
        String ns = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        if (!"Document".equals(root.getLocalName())) {
            throw new ReturnFileException("Document", "the root element must be an ISO 20022 Document");
        }
        if (ns.startsWith("urn:iso:std:iso:20022:tech:xsd:pain.002.")) {
            return pain002(child(root, "CstmrPmtStsRpt", "Document"));
        }
        if (ns.startsWith("urn:iso:std:iso:20022:tech:xsd:camt.054.")) {
            return camt054(child(root, "BkToCstmrDbtCdtNtfctn", "Document"));
        }
        throw new ReturnFileException("Document", "namespace '" + ns + "' is neither pain.002 nor camt.054");
    }

    private static Parsed pain002(Element report) {
        List<ReturnEntry> out = new ArrayList<>();
        int ignored = 0;
        int tx = 0;
        for (Element pmtInf : children(report, "OrgnlPmtInfAndSts")) {
            for (Element t : children(pmtInf, "TxInfAndSts")) {
                tx++;
                String where = "TxInfAndSts[" + tx + "]";
                String status = text(t, "TxSts");
                if (status == null) {
                    throw new ReturnFileException(where + "/TxSts", "required: the transaction's status (e.g. RJCT)");
                }
                if (!"RJCT".equals(status)) {
                    ignored++;
                    continue;
                }
                String ref = required(t, "OrgnlEndToEndId", where);
                Element rsn = first(t, "StsRsnInf");
                String code = rsn == null ? null : path(rsn, "Rsn", "Cd");
                if (code == null && rsn != null) {
                    code = path(rsn, "Rsn", "Prtry");
                }
                if (code == null) {
                    throw new ReturnFileException(where + "/StsRsnInf/Rsn/Cd", "required for a rejected transaction: the reason code");
                }
                String info = rsn == null ? null : text(rsn, "AddtlInf");
                Element amt = first(t, "OrgnlTxRef");
                Money amount = amt == null ? null : amount(first(amt, "Amt") == null ? null : first(first(amt, "Amt"), "InstdAmt"), where + "/OrgnlTxRef/Amt/InstdAmt");
                out.add(new ReturnEntry(ref, amount, code, info != null ? info : ReturnReasons.meaning(code), where));
            }
        }
        if (tx == 0) {
            throw new ReturnFileException("CstmrPmtStsRpt/OrgnlPmtInfAndSts/TxInfAndSts",
                    "no transaction statuses: a group-level rejection is not imported, only per-transaction ones");
        }
        return new Parsed(Format.PAIN_002, out, ignored);
    }

    private static Parsed camt054(Element notification) {
        List<ReturnEntry> out = new ArrayList<>();
        int ignored = 0;
        int n = 0;
        for (Element ntfctn : children(notification, "Ntfctn")) {
            for (Element ntry : children(ntfctn, "Ntry")) {
                for (Element dtls : children(ntry, "NtryDtls")) {
                    for (Element tx : children(dtls, "TxDtls")) {
                        n++;
                        String where = "TxDtls[" + n + "]";
                        Element rtr = first(tx, "RtrInf");
                        if (rtr == null) {
                            ignored++;
                            continue;
                        }
                        Element refs = first(tx, "Refs");
                        String ref = refs == null ? null : text(refs, "EndToEndId");
                        if (ref == null) {
                            throw new ReturnFileException(where + "/Refs/EndToEndId", "required for a returned transaction");
                        }
                        String code = path(rtr, "Rsn", "Cd");
                        if (code == null) {
                            code = path(rtr, "Rsn", "Prtry");
                        }
                        if (code == null) {
                            throw new ReturnFileException(where + "/RtrInf/Rsn/Cd", "required for a returned transaction: the reason code");
                        }
                        Element amt = first(tx, "Amt");
                        if (amt == null) {
                            amt = first(ntry, "Amt");
                        }
                        String info = text(rtr, "AddtlInf");
                        out.add(new ReturnEntry(ref, amount(amt, where + "/Amt"), code,
                                info != null ? info : ReturnReasons.meaning(code), where));
                    }
                }
            }
        }
        if (n == 0) {
            throw new ReturnFileException("BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry/NtryDtls/TxDtls", "no transaction details");
        }
        return new Parsed(Format.CAMT_054, out, ignored);
    }

    private static Document secureParse(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() { // throw, never print to stderr
                public void warning(SAXParseException e) {
                }

                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXParseException("external entities are not allowed", null);
            });
            return b.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            String msg = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "a DOCTYPE is not allowed (no DTDs or entities in a return file)" : "not well-formed XML: " + e.getMessage();
            throw new ReturnFileException("file", msg + (e.getLineNumber() > 0 ? " (line " + e.getLineNumber() + ")" : ""));
        } catch (Exception e) {
            throw new ReturnFileException("file", "not readable as XML: " + e.getMessage());
        }
    }

    private static Money amount(Element amt, String where) {
        if (amt == null) {
            return null;
        }
        String ccy = amt.getAttribute("Ccy");
        try {
            return Money.of(amt.getTextContent().strip(), ccy);
        } catch (RuntimeException e) {
            throw new ReturnFileException(where, "not an amount with its currency (Ccy): " + e.getMessage());
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static Element child(Element parent, String name, String where) {
        Element e = first(parent, name);
        if (e == null) {
            throw new ReturnFileException(where + "/" + name, "required");
        }
        return e;
    }

    private static String text(Element parent, String name) {
        Element e = first(parent, name);
        String s = e == null ? null : e.getTextContent().strip();
        return s == null || s.isEmpty() ? null : s;
    }

    private static String path(Element parent, String a, String b) {
        Element e = first(parent, a);
        return e == null ? null : text(e, b);
    }

    private static String required(Element parent, String name, String where) {
        String s = text(parent, name);
        if (s == null) {
            throw new ReturnFileException(where + "/" + name, "required");
        }
        return s;
    }

    // ---- NACHA

    private static Parsed nacha(String text) {
        List<String> lines = text.lines().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
        List<ReturnEntry> out = new ArrayList<>();
        int ignored = 0;
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String where = "line " + (i + 1);
            if (l.isEmpty() && i == lines.size() - 1) {
                continue;
            }
            if (l.length() != 94) {
                throw new ReturnFileException(where, "a NACHA record has 94 characters, this one " + l.length());
            }
            char type = l.charAt(0);
            if (i == 0 && type != '1') {
                throw new ReturnFileException(where, "a NACHA file starts with its file header (record type 1)");
            }
            header |= type == '1';
            if (type != '6') {
                if ("15789".indexOf(type) < 0) {
                    throw new ReturnFileException(where, "unknown record type '" + type + "'");
                }
                continue;
            }
            String tc = l.substring(1, 3);
            String addenda = i + 1 < lines.size() ? lines.get(i + 1) : "";
            boolean isReturn = addenda.length() == 94 && addenda.startsWith("799");
            if (!isReturn) {
                if (l.charAt(78) == '1') {
                    throw new ReturnFileException("line " + (i + 2), "the entry announces an addenda; a return needs a 99 addenda (return reason)");
                }
                ignored++;
                continue;
            }
            if (!"21".equals(tc) && !"31".equals(tc) && !"22".equals(tc) && !"32".equals(tc)) {
                throw new ReturnFileException(where, "transaction code " + tc + " is not a returned credit (21/31)");
            }
            String cents = l.substring(29, 39);
            if (!cents.chars().allMatch(Character::isDigit)) {
                throw new ReturnFileException(where, "the amount (positions 30-39) must be digits (cents)");
            }
            String id = l.substring(39, 54).strip();
            if (id.isEmpty()) {
                throw new ReturnFileException(where, "the individual identification number (positions 40-54) is blank");
            }
            String code = addenda.substring(3, 6);
            if (!code.matches("R\\d\\d")) {
                throw new ReturnFileException("line " + (i + 2), "return reason code (positions 4-6) must be R01…R99, not '" + code + "'");
            }
            String info = addenda.substring(35, 79).strip();
            out.add(new ReturnEntry(id, Money.of(new java.math.BigDecimal(cents).movePointLeft(2), "USD"), code,
                    info.isEmpty() ? ReturnReasons.meaning(code) : ReturnReasons.meaning(code) + ": " + info, where));
            i++;
        }
        if (!header) {
            throw new ReturnFileException("line 1", "no file header");
        }
        return new Parsed(Format.NACHA, out, ignored);
    }
}
