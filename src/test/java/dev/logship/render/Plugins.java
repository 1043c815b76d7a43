package dev.logship.render;

import java.util.ArrayList;
import java.util.List;

/** Reads a rendered command back into plugins, so tests look at the data Fluent Bit is given. */
final class Plugins {
    private Plugins() {}

    static List<FluentBitPipeline.Plugin> of(List<String> args) {
        List<FluentBitPipeline.Plugin> plugins = new ArrayList<>();
        FluentBitPipeline.Builder current = null;
        for (int i = 0; i < args.size() - 1; i++) {
            FluentBitPipeline.Kind kind = switch (args.get(i)) {
                case "-i" -> FluentBitPipeline.Kind.INPUT;
                case "-F" -> FluentBitPipeline.Kind.FILTER;
                case "-o" -> FluentBitPipeline.Kind.OUTPUT;
                default -> null;
            };
            if (kind != null) {
                if (current != null) {
                    plugins.add(current.build());
                }
                current = new FluentBitPipeline.Builder(kind, args.get(++i));
            } else if (args.get(i).equals("-p") && current != null) {
                String p = args.get(++i);
                current.p(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
            }
        }
        if (current != null) {
            plugins.add(current.build());
        }
        return plugins;
    }
}
