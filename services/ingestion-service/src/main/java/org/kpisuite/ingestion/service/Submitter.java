package org.kpisuite.ingestion.service;

/**
 * Who submits: a name for the audit trail and, when the caller is limited to one department, that
 * department. Token-based identity (JWT) fills this in; without it the caller is anonymous and unrestricted.
 */
public record Submitter(String name, String department) {

    public static final Submitter ANONYMOUS = new Submitter("anonymous", null);
}
