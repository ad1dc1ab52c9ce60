package io.partnerhub;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The one deployable: HTTP API, jobs and command-line tools of the partner-program platform.
 * {@code java -jar partnerhub.jar} (or {@code serve}) runs the platform; other commands are
 * listed by {@code java -jar partnerhub.jar help}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Partnerhub {

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-") || args[0].equals("serve")) {
            String[] serveArgs = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
            SpringApplication.run(Partnerhub.class, serveArgs);
            return;
        }
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    /**
     * The platform without its web server, for a command-line tool: same database, same
     * configuration, no demo data.
     */
    public static ConfigurableApplicationContext withoutWeb(Map<String, Object> properties) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(Map.of("partnerhub.demo", "false",
                "db-scheduler.enabled", "false",
                "spring.main.banner-mode", "off", "logging.level.root", "WARN", "logging.level.io.partnerhub", "INFO"));
        settings.putAll(properties);
        // as arguments, so they win over application.properties and the environment
        String[] arguments = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(Partnerhub.class).web(WebApplicationType.NONE).run(arguments);
    }
}
