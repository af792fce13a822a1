package org.kpisuite.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.security")
public interface SecurityConfig {

    /** The claim that names a submitter's department (a Keycloak user attribute mapped into the token). */
    @WithDefault("department")
    String departmentClaim();
}
