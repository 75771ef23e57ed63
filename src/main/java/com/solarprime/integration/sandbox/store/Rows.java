package com.solarprime.integration.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.SandboxJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Column helpers shared by the stores. */
final class Rows {

    private Rows() {
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static ArrayNode array(ResultSet rs, String column) throws SQLException {
        JsonNode node = SandboxJson.read(rs.getString(column));
        return node instanceof ArrayNode array && !array.isEmpty() ? array : null;
    }

    static ObjectNode object(ResultSet rs, String column) throws SQLException {
        JsonNode node = SandboxJson.read(rs.getString(column));
        return node instanceof ObjectNode object ? object : SandboxJson.object();
    }

    static List<Tag> tags(ResultSet rs, String column) throws SQLException {
        List<Tag> tags = new ArrayList<>();
        JsonNode node = SandboxJson.read(rs.getString(column));
        if (node != null) {
            node.forEach(t -> tags.add(new Tag(t.get("id").asLong(), t.get("name").asText())));
        }
        return tags;
    }
}
