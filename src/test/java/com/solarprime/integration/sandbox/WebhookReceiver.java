package com.solarprime.integration.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook endpoint on loopback that records what the sandbox posts and answers with scripted statuses. */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Queue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"), body,
                    SandboxApi.form(body)));
            Integer status = scriptedStatuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next answers, in order; 200 after they run out. */
    void answer(Integer... statuses) {
        scriptedStatuses.addAll(List.of(statuses));
    }

    /** Deliveries whose form has {@code key} equal to {@code value}. */
    List<Delivery> with(String key, Object value) {
        return deliveries.stream().filter(d -> String.valueOf(value).equals(d.form().get(key))).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record Delivery(String contentType, String body, Map<String, String> form) {
    }
}
