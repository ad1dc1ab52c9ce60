package io.partnerhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one deployable: HTTP API, jobs and command-line tools of the partner-program platform. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Partnerhub {

    public static void main(String[] args) {
        SpringApplication.run(Partnerhub.class, args);
    }
}
