package io.partnerhub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole platform on a random port against a real embedded PostgreSQL, started from an empty
 * directory with the real migrations. Every test class using it shares one running platform, so
 * tests make their own data (unique tax ids and accounts) instead of cleaning up. With
 * {@code -Dopenapi.examples=record} it keeps the API's exchanges for the OpenAPI document's examples
 * ({@link ApiExamplesRecorder}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import(ApiExamplesRecorder.class)
public @interface PlatformTest {
}
