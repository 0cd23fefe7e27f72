package io.github.netblock.index.read;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import java.util.List;

/**
 * Everything the database knows about one address.
 *
 * @param address    the address looked up (IPv4-mapped IPv6 already turned into IPv4)
 * @param netblocks  containing blocks, narrowest first: one block, or the whole chain when asked; empty when none
 * @param reverseDns the PTR entry of the address, or null
 * @param registrar  the registrar of the PTR name's registered domain, or null
 */
public record LookupResult(IpAddress address, List<Netblock> netblocks, ReverseDnsEntry reverseDns, RegistrarEntry registrar) {

    public LookupResult {
        netblocks = List.copyOf(netblocks);
    }

    /** The narrowest containing block, or null. */
    public Netblock narrowest() {
        return netblocks.isEmpty() ? null : netblocks.get(0);
    }

    public boolean isEmpty() {
        return netblocks.isEmpty() && reverseDns == null;
    }
}
