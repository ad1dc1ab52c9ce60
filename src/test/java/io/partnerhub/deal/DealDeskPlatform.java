package io.partnerhub.deal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import io.partnerhub.Api;

/**
 * A platform of its own for the deal desk's rules that need a fixed day and months it may close
 * (which the shared {@code @PlatformTest} platform must never do), with VK Cloud replaced by a file
 * that turns auto-approval on (src/test/resources/programs-auto-approval). Today is Monday
 * 2026-06-15 in Moscow. Test classes with this annotation share the one platform.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-deal-desk",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false",
        "partnerhub.programs-dir=src/test/resources/programs-auto-approval"})
@Import(DealDeskPlatform.FixedDay.class)
@interface DealDeskPlatform {

    String TODAY = "2026-06-15";

    @TestConfiguration
    class FixedDay {
        @Bean
        @Primary
        Clock fixedDay() {
            return Clock.fixed(Instant.parse(TODAY + "T09:00:00Z"), ZoneOffset.UTC);
        }
    }
}
