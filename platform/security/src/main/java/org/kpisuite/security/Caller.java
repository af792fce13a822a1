package org.kpisuite.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.kpisuite.problem.ProblemException;

/** Who is calling: the verified token's subject, roles and department. Only valid inside a secured endpoint. */
@RequestScoped
public class Caller {

    /** The width of every audit column (changed_by, recorded_by, decided_by) in every service. */
    public static final int MAX_SUBJECT_LENGTH = 255;

    @Inject
    JsonWebToken token;

    @Inject
    SecurityConfig config;

    /**
     * The token's subject (sub), else its principal name; what audit columns record. A subject too long for them is
     * refused here, before anything is written, rather than failing the write.
     */
    public String subject() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            subject = token.getName();
        }
        if (subject == null || subject.isBlank()) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "the bearer token names no subject", null);
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "the bearer token's subject is "
                    + subject.length() + " characters long; at most " + MAX_SUBJECT_LENGTH + " are recorded", null);
        }
        return subject;
    }

    public Set<String> roles() {
        return token.getGroups() == null ? Set.of() : token.getGroups();
    }

    public boolean has(String role) {
        return roles().contains(role);
    }

    /** The department the token is limited to, if it names one. */
    public Optional<String> department() {
        Object claim = token.getClaim(config.departmentClaim());
        String value = claim == null ? null : claim.toString().replaceAll("^\"|\"$", "").trim();
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The department a submission is limited to: none for an administrator (central office submits for any
     * department, naming it), the token's department for a submitter; a submitter token without one gets 403.
     */
    public Optional<String> submittingDepartment() {
        if (has(Roles.ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(department().orElseThrow(() -> new ProblemException(403, "forbidden", "Forbidden",
                "a " + String.join(" or ", roles()) + " token needs a '" + config.departmentClaim() + "' claim", null)));
    }
}
