package org.hyla4j.runner.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.hyla4j.runner.base.Console;
import org.hyla4j.runner.plugins.Catalog;

/**
 * What every subcommand uses: the plugin catalog and the console, injected into the fields by Guice when picocli
 * asks the injector for the command (see {@link HylaCommand#commandLine}).
 */
abstract class Subcommand implements Callable<Integer> {

    @Inject
    Catalog catalog;

    @Inject
    Console console;
}
