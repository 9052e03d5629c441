package io.partnerflow.payout;

/** Return files as banks send them (pain.002.001.10, camt.054.001.08, NACHA returns), built for tests. */
public final class ReturnSamples {
    private ReturnSamples() {
    }

    /** A pain.002 status report: one transaction rejected (RJCT) with {@code code}, one accepted (ACCP). */
    public static String pain002(String rejectedEndToEndId, String amount, String code, String acceptedEndToEndId) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">
                  <CstmrPmtStsRpt>
                    <GrpHdr><MsgId>STS-1</MsgId><CreDtTm>2026-12-04T08:00:00Z</CreDtTm></GrpHdr>
                    <OrgnlGrpInfAndSts><OrgnlMsgId>RUN</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
                    <OrgnlPmtInfAndSts>
                      <OrgnlPmtInfId>PMT-1</OrgnlPmtInfId>
                      <TxInfAndSts>
                        <OrgnlEndToEndId>%s</OrgnlEndToEndId>
                        <TxSts>RJCT</TxSts>
                        <StsRsnInf><Rsn><Cd>%s</Cd></Rsn><AddtlInf>Account closed at the beneficiary bank</AddtlInf></StsRsnInf>
                        <OrgnlTxRef><Amt><InstdAmt Ccy="EUR">%s</InstdAmt></Amt></OrgnlTxRef>
                      </TxInfAndSts>
                      <TxInfAndSts>
                        <OrgnlEndToEndId>%s</OrgnlEndToEndId>
                        <TxSts>ACCP</TxSts>
                      </TxInfAndSts>
                    </OrgnlPmtInfAndSts>
                  </CstmrPmtStsRpt>
                </Document>
                """.formatted(rejectedEndToEndId, code, amount, acceptedEndToEndId);
    }

    /** A camt.054 debit notification with one returned transaction. */
    public static String camt054(String endToEndId, String amount, String code) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
                  <BkToCstmrDbtCdtNtfctn>
                    <GrpHdr><MsgId>NTF-1</MsgId><CreDtTm>2026-12-04T08:00:00Z</CreDtTm></GrpHdr>
                    <Ntfctn>
                      <Id>N1</Id>
                      <Ntry>
                        <Amt Ccy="EUR">%2$s</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts>
                        <NtryDtls><TxDtls>
                          <Refs><EndToEndId>%1$s</EndToEndId></Refs>
                          <Amt Ccy="EUR">%2$s</Amt>
                          <RtrInf><Rsn><Cd>%3$s</Cd></Rsn></RtrInf>
                        </TxDtls></NtryDtls>
                      </Ntry>
                    </Ntfctn>
                  </BkToCstmrDbtCdtNtfctn>
                </Document>
                """.formatted(endToEndId, amount, code);
    }

    /** A NACHA return file: one returned credit (transaction code 21) with its 99 addenda carrying {@code code}. */
    public static String nachaReturn(String individualId, long cents, String code, String routing, String account) {
        StringBuilder f = new StringBuilder();
        f.append(pad("101 1234567890 0910000192612040800A094101PARTNERFLOW DEMO VENDOR DEMO BANK              ")).append('\n');
        f.append(pad("5220PARTNERFLOW                         1234567890CCDPAYOUT          261204   1091000010000001")).append('\n');
        f.append(pad("621" + routing + rpad(account, 17) + String.format("%010d", cents) + rpad(individualId, 15)
                + rpad("ORBIS MANAGED SERVICES", 22) + "  1" + "091000010000001")).append('\n');
        f.append(pad("799" + code + "091000010000001" + "      " + "09100001" + rpad("ACCOUNT NOT FOUND", 44) + "091000010000001")).append('\n');
        f.append(pad("82200000020009100001000000000000000000000000" + "1234567890" + "                         091000010000001")).append('\n');
        f.append(pad("9000001000001000000020009100001000000000000000000000000")).append('\n');
        return f.toString();
    }

    static String rpad(String s, int n) {
        return s.length() >= n ? s.substring(0, n) : s + " ".repeat(n - s.length());
    }

    static String pad(String s) {
        return rpad(s, 94);
    }
}
