/**
 * Payment files for payout runs: SEPA credit transfer (ISO 20022 pain.001.001.09) and NACHA ACH.
 * Pure Java (JDK + core {@code Money}); no Quarkus, JAX-RS, Vert.x or Panache types. Everything here is
 * stateless and thread-safe; all entry points are static.
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@link io.partnerflow.payout.domain.bank.BankAccounts} (package {@code domain.bank}):
 *     <ul>
 *       <li>{@code static String normalizeIban(String)}: upper case, whitespace removed;</li>
 *       <li>{@code static Optional<String> ibanError(String)}: country code, per-country length, mod-97 = 1;</li>
 *       <li>{@code static Optional<String> bicError(String)}: 8 or 11 characters, ISO 9362 shape, valid country;</li>
 *       <li>{@code static Optional<String> abaRoutingError(String)}: 9 digits, 3-7-1 checksum;</li>
 *       <li>{@code static Optional<String> usAccountNumberError(String)}: 1–17 digits;</li>
 *       <li>{@code static String mask(String)}: "•••• 3000", never more than the last 4 characters (values under
 *           8 characters are masked completely: "••••");</li>
 *       <li>also {@code normalizeBic(String)} and {@code isSepaIban(String)} (valid IBAN of a SEPA-scheme country).</li>
 *     </ul>
 *     Empty = valid; otherwise a user-facing message that never echoes the number.</li>
 *   <li>{@link io.partnerflow.payout.domain.export.PayeeItem}: {@code (itemId, partnerId, partnerName,
 *     Money amount, PayeeItem.Method method [SEPA, ACH, MANUAL], iban, bic, abaRouting, accountNumber,
 *     PayeeItem.AccountType accountType [CHECKING, SAVINGS, or null], boolean business, reference)};
 *     reference is the remittance text, at most 140 characters.</li>
 *   <li>{@link io.partnerflow.payout.domain.export.SepaDebtor}{@code (name, iban, bic, initiatingPartyId)} and
 *     {@link io.partnerflow.payout.domain.export.Pain001Writer#write Pain001Writer.write(debtor, messageId,
 *     createdAt, requestedExecutionDate, items)} → pain.001.001.09 XML: one PmtInf, batch booking, exact
 *     NbOfTxs/CtrlSum, EndToEndId = item id, unstructured remittance = reference. Refuses
 *     (IllegalArgumentException) an empty list, non-EUR or non-SEPA items, bad or non-SEPA-country IBANs, bad
 *     BICs, non-positive amounts, duplicate item ids, ids that are not SEPA identifiers (35 chars; a UUID item id
 *     is written without hyphens: {@code Pain001Writer.endToEndId(itemId)} gives the value banks report back).
 *     Built with the Prowide ISO 20022 model (MxPain00100109); names and references are transliterated to the
 *     SEPA character set (ü → u, &amp; → +).</li>
 *   <li>{@link io.partnerflow.payout.domain.export.NachaConfig}{@code (immediateDestination [9-digit routing],
 *     immediateDestinationName, immediateOrigin [10 chars], immediateOriginName, companyName, companyId [10],
 *     originatingDfi [8 digits], companyEntryDescription [<= 10])} and
 *     {@link io.partnerflow.payout.domain.export.NachaWriter#write NachaWriter.write(cfg, effectiveEntryDate,
 *     createdAt, fileIdModifier, items)} → NACHA file: records of 94 characters joined by "\n" (with a final
 *     "\n"), CCD batch for business payees, PPD for individuals, credits to checking (22) / savings (32),
 *     padded with all-9 records to a multiple of 10 lines; trace numbers = originating DFI + 7-digit sequence
 *     (CCD items first, then PPD, input order within each); entry identification number =
 *     {@code NachaWriter.identification(itemId)} (letters/digits, first 15). Refuses (IllegalArgumentException)
 *     non-USD or non-ACH items, invalid routing/account numbers, non-positive amounts, entries over
 *     99,999,999.99 or a file total over 9,999,999,999.99, duplicate item ids, an empty list.
 *     {@code NachaConfig}'s constructor validates the configuration.</li>
 *   <li>{@link io.partnerflow.payout.domain.export.PaymentFiles#split PaymentFiles.split(items)} →
 *     {@code Split(sepa, nacha, manual)}: SEPA = method SEPA + EUR + valid IBAN (+ valid BIC if given);
 *     NACHA = method ACH + USD + valid routing and account number; everything else is a
 *     {@code ManualPayment(item, reason)}.</li>
 * </ul>
 * Times ({@code createdAt}) are written in UTC.
 */
package io.partnerflow.payout.domain.export;
