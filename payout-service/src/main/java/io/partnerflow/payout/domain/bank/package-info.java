/**
 * Bank account details: validation (IBAN, BIC, ABA routing number, US account number) and masking.
 *
 * <p>Pure Java: no Quarkus, JAX-RS, Vert.x or Panache types. See {@link io.partnerflow.payout.domain.bank.BankAccounts}.
 */
package io.partnerflow.payout.domain.bank;
