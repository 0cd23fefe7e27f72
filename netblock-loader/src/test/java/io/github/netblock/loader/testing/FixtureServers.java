package io.github.netblock.loader.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;

/** Real FTP and HTTP servers on 127.0.0.1 serving a folder of fixture feeds. */
public final class FixtureServers implements AutoCloseable {
    private final FtpServer ftp;
    private final int ftpPort;
    private final HttpServer http;
    private final List<String> ftpCommands = new CopyOnWriteArrayList<>();

    public FixtureServers(Path ftpRoot, Path httpRoot, String ftpUser, String ftpPassword) throws IOException, FtpException {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        BaseUser user = new BaseUser();
        user.setName(ftpUser);
        user.setPassword(ftpPassword);
        user.setHomeDirectory(ftpRoot.toString());
        user.setAuthorities(List.of());
        factory.getUserManager().save(user);
        HashMap<String, Ftplet> ftplets = new HashMap<>();
        ftplets.put("recorder", new DefaultFtplet() {
            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request) {
                ftpCommands.add(request.getCommand() + (request.hasArgument() ? " " + request.getArgument() : ""));
                return FtpletResult.DEFAULT;
            }
        });
        factory.setFtplets(ftplets);
        ftp = factory.createServer();
        ftp.start();
        ftpPort = ((DefaultFtpServer) ftp).getListener("default").getPort();

        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            Path f = httpRoot.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!f.startsWith(httpRoot) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] body = Files.readAllBytes(f);
            String etag = "\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"";
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("ETag", etag);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
    }

    /** The FTP commands the server received, in order (for asserting PASV, TYPE I, REST, ...). */
    public List<String> ftpCommands() {
        return ftpCommands;
    }

    public String ftpUrl(String path) {
        return "ftp://127.0.0.1:" + ftpPort + "/" + path;
    }

    public String httpUrl(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + path;
    }

    @Override
    public void close() {
        http.stop(0);
        ftp.stop();
    }
}
