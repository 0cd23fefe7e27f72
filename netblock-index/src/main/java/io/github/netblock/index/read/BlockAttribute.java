package io.github.netblock.index.read;

import io.github.netblock.index.format.NbdbFormat;

/** The text attributes of a block, for reading one without decoding the whole block. */
public enum BlockAttribute {
    NAME(NbdbFormat.STR_NAME),
    HANDLE(NbdbFormat.STR_HANDLE),
    DESCRIPTION(NbdbFormat.STR_DESCRIPTION),
    STATUS(NbdbFormat.STR_STATUS),
    COUNTRY(NbdbFormat.STR_COUNTRY),
    OWNER_ID(NbdbFormat.STR_OWNER_ID),
    OWNER_NAME(NbdbFormat.STR_OWNER_NAME),
    ABUSE_EMAIL(NbdbFormat.STR_ABUSE_EMAIL),
    REGISTRY(NbdbFormat.STR_REGISTRY),
    AS_NAME(NbdbFormat.STR_AS_NAME),
    SOURCE(NbdbFormat.STR_SOURCE);

    final int index;

    BlockAttribute(int index) {
        this.index = index;
    }
}
