package org.kpisuite.ingestion.service;

import org.kpisuite.security.Caller;

/**
 * Who submits, from the caller's token: its subject for the audit trail (recordedBy, closedBy) and, for a
 * kpi-submitter, the one department it may submit for (null for an administrator, who names the department).
 */
public record Submitter(String name, String department) {

    public static Submitter of(Caller caller) {
        return new Submitter(caller.subject(), caller.submittingDepartment().orElse(null));
    }
}
