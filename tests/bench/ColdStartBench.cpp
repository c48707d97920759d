// Cold start: from exec to the console's first window on a store of 60,000 messages, next to a
// plain Qt Widgets window (menu bar, a label, a status bar) started the same way (this binary
// with --plain), in the same run.
// Both print a line on their event loop's first turn after show(); the time is from
// QProcess::start() to that line. Runs alternate, and the median of each is reported.
//
//   build/bin/ColdStartBench [messages] [runs]   (default 60000 7)
#include "app/store/MessageStore.h"
#include "tests/bench/BenchSupport.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QProcess>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace
{

using BenchSupport::freePort;
using BenchSupport::result;
using BenchSupport::say;
using BenchSupport::settle;

// The baseline: the least a real window has (a menu bar, a line of text, a status bar), so both
// pay for loading fonts, which any window that shows text does.
int runPlain(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Plain"));
    window.menuBar()->addMenu(QStringLiteral("&File"))->addAction(QStringLiteral("&Quit"));
    window.menuBar()->addMenu(QStringLiteral("&Help"))->addAction(QStringLiteral("&About"));
    window.setCentralWidget(new QLabel(QStringLiteral("Hello from a plain Qt Widgets window"), &window));
    window.statusBar()->showMessage(QStringLiteral("Ready"));
    window.resize(1200, 800);
    window.show();
    QTimer::singleShot(0, &app, [] {
        std::fprintf(stderr, "plain: ready\n");
        std::fflush(stderr);
    });
    return app.exec();
}

// 2,000 conversations, the rest of the messages in one long one: what a busy desk looks like.
bool seed(const QString& database, int messages)
{
    StoreOptions options;
    options.path = database;
    MessageStore store(options);
    QObject context;
    bool opened = false;
    store.open(&context, [&](Result<OpenReport> r) { opened = r.has_value(); });
    if (!settle([&] { return opened; })) {
        return false;
    }
    int pending = 0;
    for (int n = 0; n < messages; ++n) {
        InboundMessage in;
        in.provider = QStringLiteral("meta");
        in.providerMessageId = QStringLiteral("wamid.cold.%1").arg(n);
        in.from = n < 2000 ? QStringLiteral("+4420%1").arg(70000000 + n) : QStringLiteral("+5511912345678");
        in.profileName = n < 2000 ? QStringLiteral("Customer %1").arg(n) : QStringLiteral("Ana Souza");
        in.text = QStringLiteral("Message %1 about an order that took its time").arg(n);
        in.timestamp = QDateTime::currentDateTimeUtc();
        ++pending;
        store.insertInbound(in, &context, [&pending](Result<InsertedMessage>) { --pending; });
        if (pending > 2000) {
            settle([&] { return pending < 500; });
        }
    }
    return settle([&] { return pending == 0; });
}

// Milliseconds from start() to `ready` on the process's output; -1 if it never came.
double timeToReady(const QString& program,
                   const QStringList& arguments,
                   const QProcessEnvironment& environment,
                   const QByteArray& ready)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer clock;
    clock.start();
    process.start(program, arguments);
    QByteArray output;
    double ms = -1;
    while (process.waitForReadyRead(30000)) {
        output += process.readAll();
        if (output.contains(ready)) {
            ms = clock.nsecsElapsed() / 1e6;
            break;
        }
    }
    process.terminate();
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished();
    }
    if (ms < 0) {
        std::fprintf(stderr, "%s never said it was ready:\n%s\n", qPrintable(program), output.constData());
    }
    return ms;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc > 1 && qstrcmp(argv[1], "--plain") == 0) {
        return runPlain(argc, argv);
    }
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int messages = args.value(1, QStringLiteral("60000")).toInt();
    const int runs = std::max(1, args.value(2, QStringLiteral("7")).toInt());
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("cold.sqlite"));
    QElapsedTimer seeding;
    seeding.start();
    if (!seed(database, messages)) {
        say(QStringLiteral("could not seed the store"));
        return 1;
    }
    say(QStringLiteral("seeded %1 messages in %2 s").arg(messages).arg(seeding.elapsed() / 1000.0, 0, 'f', 1));

    const QString envPath = dir.filePath(QStringLiteral("cold.env"));
    QFile env(envPath);
    if (!env.open(QIODevice::WriteOnly)) {
        return 1;
    }
    env.write("WHATSAPP_PROVIDER=sandbox\nFLOWCHAT_DATABASE=" + database.toUtf8()
              + "\nFLOWCHAT_LISTEN=127.0.0.1:" + QByteArray::number(freePort())
              + "\nFLOWCHAT_MEDIA_CACHE=" + dir.filePath(QStringLiteral("media")).toUtf8()
              + "\nFLOWCHAT_API_TOKEN=cold-start-bench-token\nFLOWCHAT_LOG_LEVEL=warning\n");
    env.close();
    env.setPermissions(QFile::ReadOwner | QFile::WriteOwner);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    if (!environment.contains(QStringLiteral("QT_QPA_PLATFORM")) && !environment.contains(QStringLiteral("DISPLAY"))) {
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }
    const QString bin = QCoreApplication::applicationDirPath();
    // One start of each first, unmeasured: both then find their libraries in the page cache.
    timeToReady(bin + QStringLiteral("/flowchat"),
                {QStringLiteral("--env-file"), envPath},
                environment,
                "flowchat: console ready");
    timeToReady(QCoreApplication::applicationFilePath(), {QStringLiteral("--plain")}, environment, "plain: ready");
    QList<double> console;
    QList<double> plain;
    for (int i = 0; i < runs; ++i) {
        console << timeToReady(bin + QStringLiteral("/flowchat"),
                               {QStringLiteral("--env-file"), envPath},
                               environment,
                               "flowchat: console ready");
        plain << timeToReady(
            QCoreApplication::applicationFilePath(), {QStringLiteral("--plain")}, environment, "plain: ready");
    }
    const double consoleMs = median(console);
    const double plainMs = median(plain);
    result(QStringLiteral("cold_start_console"), consoleMs, "ms");
    result(QStringLiteral("cold_start_plain_qt_window"), plainMs, "ms");
    result(QStringLiteral("cold_start_ratio"), plainMs > 0 ? consoleMs / plainMs : 0, "x", 2);
    return 0;
}
