package io.partnerhub.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    @Bean
    OpenAPI partnerhubApi() {
        return new OpenAPI()
                .info(new Info().title("Partnerhub API").version("v1").description("""
                        The partner-program platform of a cloud provider: programs, partners, customers, deals,
                        usage and statements. Money is a decimal string with two places; dates are YYYY-MM-DD;
                        errors are RFC 9457 problem details. Authenticate with `Authorization: Bearer <token>`:
                        the operator token, or a partner token (which sees only its own partner)."""))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
