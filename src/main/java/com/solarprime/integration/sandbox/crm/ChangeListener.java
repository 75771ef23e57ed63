package com.solarprime.integration.sandbox.crm;

import java.util.List;

/** Told about a call's changes once they are committed (webhook delivery). */
public interface ChangeListener {

    void committed(List<Change> changes);
}
