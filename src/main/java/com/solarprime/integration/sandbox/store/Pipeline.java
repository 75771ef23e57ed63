package com.solarprime.integration.sandbox.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public record Pipeline(long id, String name, int sort, boolean isMain, boolean isUnsortedOn, boolean isArchive,
                       List<Status> statuses) {

    public Optional<Status> status(long statusId) {
        return statuses.stream().filter(s -> s.id() == statusId).findFirst();
    }

    /** Where a lead created without a status lands: the first stage after incoming leads. */
    public Status firstWorkingStatus() {
        return statuses.stream()
                .filter(s -> !s.isIncoming() && !s.isClosed())
                .min(Comparator.comparingInt(Status::sort))
                .orElseGet(() -> status(Status.WON).orElseThrow());
    }
}
