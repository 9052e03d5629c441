package io.partnerflow.contracts.partner;

/**
 * A partner's primary contact person (in {@code partner.registered} / {@code partner.updated}).
 *
 * @param name  the person's name
 * @param email e-mail address, when known
 * @param phone phone number as entered, when known
 */
public record PartnerContact(String name, String email, String phone) {
}
