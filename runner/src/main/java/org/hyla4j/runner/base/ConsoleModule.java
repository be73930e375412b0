package org.hyla4j.runner.base;

import com.google.inject.AbstractModule;

/** Binds the console the commands write to. */
public final class ConsoleModule extends AbstractModule {

    private final Console console;

    public ConsoleModule(Console console) {
        this.console = console;
    }

    @Override
    protected void configure() {
        bind(Console.class).toInstance(console);
    }
}
