package io.partnerhub;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

import io.partnerhub.demo.CloseBenchmark;
import io.partnerhub.demo.BillingBenchmark;
import io.partnerhub.demo.SimulationBenchmark;
import io.partnerhub.demo.PortalBenchmark;
import io.partnerhub.demo.SeedCommand;
import io.partnerhub.settlement.CloseCommand;
import io.partnerhub.usage.GenerateCommand;
import io.partnerhub.usage.ImportBenchmark;
import io.partnerhub.usage.ImportCommand;

/** The command-line tools of the jar; {@code serve} (the default) is handled before picocli. */
@Command(name = "partnerhub", mixinStandardHelpOptions = true,
        description = "Partnerhub: run the platform (serve, the default) or one of its tools.",
        subcommands = {HelpCommand.class, ImportCommand.class, GenerateCommand.class, SeedCommand.class, ImportBenchmark.class,
                CloseCommand.class, CloseBenchmark.class, BillingBenchmark.class, PortalBenchmark.class,
                SimulationBenchmark.class})
class Cli {
}
