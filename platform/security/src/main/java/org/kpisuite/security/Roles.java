package org.kpisuite.security;

/**
 * The suite's roles, as they appear in a token's {@code groups} claim (or wherever
 * {@code smallrye.jwt.path.groups} points, e.g. Keycloak's realm_access/roles).
 */
public final class Roles {

    /** Plans, indicators, closing periods, rebuilds; may submit for any department, naming it. */
    public static final String ADMIN = "kpi-admin";
    /** Submits and corrects the values of its own department's indicators (the token's department claim). */
    public static final String SUBMITTER = "kpi-submitter";
    /** Reads progress, the dashboard and everything else that is not an export. */
    public static final String VIEWER = "kpi-viewer";
    /** Approves or returns the submitted values of its own department (the token's department claim). */
    public static final String APPROVER = "kpi-approver";
    /** Records the self-evaluation (S–D and its rationale) of the plan's evaluation items. */
    public static final String EVALUATOR = "kpi-evaluator";
    /** Pulls the BI exports. */
    public static final String BI = "kpi-bi";

    private Roles() {
    }
}
