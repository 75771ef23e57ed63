package com.solarprime.integration.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Request bodies no endpoint of this service may accept: empty, truncated or mistyped JSON, JSON of the wrong
 * shape, random bytes, broken percent-encodings, oversized forms, deep nesting. Generated from a seed, so a failure
 * can be replayed.
 */
public final class MalformedBodies {

    private static final List<String> FIXED = List.of("", " ", "{", "}", "[]", "[", "null", "true", "0", "-1", "\"text\"",
            "{}", "{\"\":\"\"}", "{\"phone\":[]}", "{\"phone\":{},\"dueAt\":[],\"type\":5}", "{\"energy_bill_value\":\"abc\"}",
            "{\"phone\":\"+55\",\"energy_bill_value\":1e999999}", "{\"event\":5,\"data\":[]}", "{\"object\":null}",
            "{\"entry\":\"x\"}", "{\"leads\":\"x\"}", "{\"leads\":{\"status\":\"x\"}}", "%%%{{{", "%zz=1", "a=%E0%A4%A",
            "a=%", "=&=&=", "&&&", "%00%00", "a=b%2", "leads[status][0][id]=%FF%FE", "\u0000\u0001\u0002",
            "<xml/>", "<!DOCTYPE html><html></html>", "{\"a\":\"\\ud800\"}", "{\"a\":1,}", "[1,2,3", "{\"a\" \"b\"}");

    private MalformedBodies() {
    }

    /** {@code count} bodies: the fixed cases first, then generated ones. */
    public static List<byte[]> generate(long seed, int count) {
        Random random = new Random(seed);
        List<byte[]> bodies = new ArrayList<>();
        FIXED.forEach(body -> bodies.add(body.getBytes(StandardCharsets.UTF_8)));
        List<Function<Random, byte[]>> generators = List.of(
                MalformedBodies::randomBytes, MalformedBodies::truncatedJson, MalformedBodies::brokenPercentForm,
                MalformedBodies::deepNesting, MalformedBodies::wrongTypes, MalformedBodies::printableNoise);
        while (bodies.size() < count) {
            bodies.add(generators.get(random.nextInt(generators.size())).apply(random));
        }
        bodies.add(oversizedForm());
        return bodies;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(512)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] truncatedJson(Random random) {
        String json = "{\"phone\":\"+5581999990000\",\"name\":\"Ana\",\"data\":{\"key\":{\"id\":\"X\"}},\"leads\":{\"status\":[{\"id\":1}]}}";
        return json.substring(0, 1 + random.nextInt(json.length() - 2)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] brokenPercentForm(Random random) {
        String[] broken = {"%", "%Z", "%G1", "%E0%A4", "%C3%28", "%FF"};
        StringBuilder form = new StringBuilder("leads[status][0][id]=");
        for (int i = 0; i < 1 + random.nextInt(6); i++) {
            form.append(broken[random.nextInt(broken.length)]).append(random.nextInt(1000));
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deepNesting(Random random) {
        int depth = 2_000 + random.nextInt(20_000);
        return ("[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : depth / 2)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrongTypes(Random random) {
        String[] values = {"[]", "{}", "null", "true", "-7", "1.5e300", "\"\"", "\"%%%\""};
        String[] keys = {"phone", "dueAt", "type", "text", "energy_bill_value", "timeline", "event", "data", "entry",
                "object", "leads", "account"};
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(keys[random.nextInt(keys.length)]).append("\":")
                    .append(values[random.nextInt(values.length)]);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] printableNoise(Random random) {
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(300); i++) {
            noise.append((char) (32 + random.nextInt(95)));
        }
        return noise.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 200 KB of form fields that are no Kommo delivery. */
    private static byte[] oversizedForm() {
        return "a=b&".repeat(50_000).getBytes(StandardCharsets.UTF_8);
    }
}
