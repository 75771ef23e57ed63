package com.solarprime.integration.lead;

import java.util.Optional;

/** The CRM's users, found by e-mail: salespeople configured by e-mail become user ids. */
public interface UserDirectory {

    /** @param email lower case */
    Optional<Long> userId(String email);
}
