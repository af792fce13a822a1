package org.kpisuite.devstack;

import java.nio.file.Path;
import java.time.Duration;

import org.kpisuite.testing.LocalTokens;

/**
 * {@code make token ROLE=<role> [DEPARTMENT=<code>]}: prints a bearer token that a local run (make run) accepts,
 * and nothing else, so that {@code curl -H "Authorization: Bearer $(make -s token ROLE=kpi-admin)"} works. Signed
 * by the key pair under .data/keys/ (made here if make run has not made it yet). Valid for 12 hours.
 *
 * <p>Usage: {@code TokenCommand <project root> <role> [department]}
 */
public final class TokenCommand {

    static final Duration VALIDITY = Duration.ofHours(12);

    private TokenCommand() {
    }

    public static void main(String[] args) {
        String role = args.length > 1 ? args[1].trim() : "";
        String department = args.length > 2 && !args[2].isBlank() ? args[2].trim() : null;
        String problem = check(role, department);
        if (problem != null) {
            System.err.println("make token: " + problem);
            System.err.println("usage: make -s token ROLE=<" + String.join("|", LocalTokens.ROLES)
                    + "> [DEPARTMENT=<code>, for kpi-submitter]");
            System.exit(2);
        }
        Path root = Path.of(args.length > 0 ? args[0] : "").toAbsolutePath().normalize();
        LocalTokens tokens = LocalTokens.inDirectory(DevStack.keysDirectory(root));
        String subject = "local-" + role + (department == null ? "" : "-" + department);
        System.out.println(tokens.mint(subject, role, department, VALIDITY));
    }

    /** What is wrong with the arguments, or null. */
    static String check(String role, String department) {
        if (role.isEmpty()) {
            return "ROLE is required";
        }
        if (!LocalTokens.ROLES.contains(role)) {
            return "unknown role '" + role + "'";
        }
        boolean departmental = LocalTokens.SUBMITTER.equals(role) || LocalTokens.APPROVER.equals(role);
        if (departmental && department == null) {
            return "a " + role + " token needs DEPARTMENT=<code> (e.g. digital-talent)";
        }
        if (!departmental && department != null) {
            return "DEPARTMENT is only for ROLE=kpi-submitter or kpi-approver";
        }
        return null;
    }
}
