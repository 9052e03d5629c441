package io.partnerflow.payout.domain.returns;

import io.partnerflow.core.money.Money;

/**
 * One payment the bank rejected or returned, as a return file reports it.
 *
 * @param reference the reference our payment file gave it: the pain.001 {@code EndToEndId} (item id without
 *                  hyphens) or the NACHA individual identification number (the item id's first 15 letters/digits)
 * @param amount    the amount the file names (null when it names none)
 * @param code      the bank's reason code (ISO 20022 {@code AC04}, NACHA {@code R03} …)
 * @param reason    in words (the file's additional information, else the code's meaning)
 * @param location  where in the file (for error messages): {@code TxInfAndSts[2]}, {@code line 7}
 */
public record ReturnEntry(String reference, Money amount, String code, String reason, String location) {
}
