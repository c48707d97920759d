// The console under load: a thread of N messages and a list of M conversations on a real
// SQLite store, then a burst of signed webhooks through the real HTTP receiver (and then agents'
// sends through the local API and the outbox), sent by wrk from another process, while the
// window is up. Prints each figure next to a baseline measured in the same run.
//
//   build/bin/UiBench [thread-messages] [conversations] [webhooks]   (default 100000 20000 2000)
//   run with QT_QPA_PLATFORM=offscreen, or under xvfb-run
#include "app/headless/ServiceThread.h"
#include "app/service/ServiceClient.h"
#include "app/service/WhatsAppService.h"
#include "app/store/MessageStore.h"
#include "app/store/StoreReader.h"
#include "providers/emulator/MetaEmulator.h"
#include "providers/meta/MetaSignature.h"
#include "tests/bench/BenchSupport.h"
#include "tests/bench/WrkLoad.h"
#include "ui/MainWindow.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadView.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QProcess>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
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

const QString kSecret = QStringLiteral("bench-app-secret");
const QString kToken = QStringLiteral("bench-token");
const QString kApiToken = QStringLiteral("bench-api-token");
constexpr int kConnections = 64;
const QString kPhoneId = QStringLiteral("106540352242922");

double residentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return 0;
}

// Milliseconds from now until `widget` has painted once.
double timeToPaint(QWidget* widget, const std::function<void()>& trigger)
{
    struct Watcher : QObject
    {
        bool painted = false;
        bool eventFilter(QObject*, QEvent* event) override
        {
            if (event->type() == QEvent::Paint) {
                painted = true;
            }
            return false;
        }
    } watcher;
    widget->installEventFilter(&watcher);
    QElapsedTimer clock;
    clock.start();
    trigger();
    widget->update();
    settle([&] { return watcher.painted; }, 60000);
    const double ms = clock.nsecsElapsed() / 1e6;
    widget->removeEventFilter(&watcher);
    return ms;
}

// The longest lateness of a 5 ms timer while `work` runs on the event loop.
struct StallProbe : QObject
{
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0;
    double worst = 0;
    StallProbe()
    {
        timer.setInterval(5);
        timer.setTimerType(Qt::PreciseTimer);
        connect(&timer, &QTimer::timeout, this, [this] {
            const qint64 now = clock.nsecsElapsed();
            worst = std::max(worst, (now - last) / 1e6 - 5.0);
            last = now;
        });
        clock.start();
        timer.start();
    }
};

QByteArray inboundWebhook(int n)
{
    const QString from = QStringLiteral("1415%1").arg(5000000 + n % 5000);
    const QJsonObject message{
        {QStringLiteral("from"), from},
        {QStringLiteral("id"), QStringLiteral("wamid.burst.%1").arg(n)},
        {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())},
        {QStringLiteral("type"), QStringLiteral("text")},
        {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), QStringLiteral("burst %1").arg(n)}}}};
    const QJsonObject value{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("phone_number_id"), kPhoneId}}},
                            {QStringLiteral("contacts"),
                             QJsonArray{QJsonObject{{QStringLiteral("profile"),
                                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("Burst")}}},
                                                    {QStringLiteral("wa_id"), from}}}},
                            {QStringLiteral("messages"), QJsonArray{message}}};
    const QJsonObject envelope{
        {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
        {QStringLiteral("entry"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("1")},
                                {QStringLiteral("changes"),
                                 QJsonArray{QJsonObject{{QStringLiteral("value"), value},
                                                        {QStringLiteral("field"), QStringLiteral("messages")}}}}}}}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

// What an agent's send through the local API looks like: to one of the burst's customers.
QByteArray sendRequest(int n)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("to"), QStringLiteral("+1415%1").arg(5000000 + n % 5000)},
                                     {QStringLiteral("body"), QStringLiteral("reply %1").arg(n)}})
        .toJson(QJsonDocument::Compact);
}

// The requests wrk sends in one phase: `count` signed webhooks, or sends through the local API,
// numbered from `first` so no phase repeats another's message ids.
QString writeRequests(const QTemporaryDir& dir, const QString& name, int count, int first, bool sends = false)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return QString();
    }
    for (int n = first; n < first + count; ++n) {
        if (sends) {
            file.write(WrkLoad::requestLine(
                {"Content-Type: application/json", "Authorization: Bearer " + kApiToken.toUtf8()}, sendRequest(n)));
        } else {
            const QByteArray body = inboundWebhook(n);
            file.write(WrkLoad::requestLine({"Content-Type: application/json",
                                             "X-Hub-Signature-256: " + MetaSignature::sign(kSecret.toUtf8(), body)},
                                            body));
        }
    }
    return path;
}

// wrk's options for one phase: `count` answers from the receiver at `perSecond` (0: as fast as it
// answers), from as many connections as a load balancer would open.
WrkOptions phase(quint16 port, const char* route, const QString& requests, int count, int perSecond = 0)
{
    WrkOptions options;
    options.url = QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(QLatin1String(route));
    options.requestsFile = requests;
    options.connections = kConnections;
    options.stopAfter = count;
    options.perSecond = perSecond;
    options.seconds = 300;
    return options;
}

// What an agent does all day, one step every 50 ms: open another conversation, scroll its thread
// up (older pages load), scroll the conversation list. Runs on the event loop like the agent's
// clicks would, until `done`.
void browseUntil(ConversationListPanel* list, ThreadView* view, const std::function<bool()>& done)
{
    QTimer step;
    int n = 0;
    QObject::connect(&step, &QTimer::timeout, [&] {
        switch (n++ % 4) {
        case 0: {
            const int rows = list->model()->rowCount();
            if (rows > 0) {
                const QModelIndex index = list->model()->index((n * 7) % std::min(rows, 40), 0);
                list->selectConversation(index.data(ConversationListModel::IdRole).toLongLong());
            }
            break;
        }
        case 1:
        case 2:
            view->verticalScrollBar()->setValue(0);
            break;
        default: {
            QScrollBar* bar = list->findChild<QListView*>()->verticalScrollBar();
            bar->setValue(bar->value() >= bar->maximum() ? 0 : bar->value() + bar->pageStep());
            break;
        }
        }
    });
    step.start(50);
    settle(done, 600000);
}

// Another process holds the database's lock (an exclusive-mode sqlite3 shell with a write
// transaction open) until it is told to let go: readers and writers alike wait on it.
class LockHolder
{
public:
    bool take(const QString& database)
    {
        m_shell.setProcessChannelMode(QProcess::MergedChannels);
        m_shell.start(QStringLiteral("sqlite3"), {database});
        if (!m_shell.waitForStarted(5000)) {
            return false;
        }
        m_shell.write("PRAGMA locking_mode=EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT 'locked';\n");
        QByteArray output;
        while (!output.contains("locked") && m_shell.waitForReadyRead(10000)) {
            output += m_shell.readAll();
        }
        return output.contains("locked");
    }
    void release()
    {
        m_shell.write("ROLLBACK;\n.quit\n");
        m_shell.closeWriteChannel();
        m_shell.waitForFinished(10000);
    }

private:
    QProcess m_shell;
};

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int threadSize = args.value(1, QStringLiteral("100000")).toInt();
    const int conversations = args.value(2, QStringLiteral("20000")).toInt();
    const int burst = args.value(3, QStringLiteral("2000")).toInt();
    if (!WrkLoad::isAvailable()) {
        say(QStringLiteral("wrk is not on PATH (apt install wrk)"));
        return 2;
    }
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
    const QString database = dir.filePath(QStringLiteral("bench.sqlite"));

    // ---- seed through the store's own API (group-committed)
    QElapsedTimer clock;
    clock.start();
    {
        StoreOptions options;
        options.path = database;
        MessageStore store(options);
        QObject context;
        bool opened = false;
        store.open(&context, [&](Result<OpenReport> r) { opened = r.has_value(); });
        settle([&] { return opened; });
        int pending = 0;
        const auto insert = [&](const QString& from, const QString& name, const QString& text, int n) {
            InboundMessage in;
            in.provider = QStringLiteral("meta");
            in.providerMessageId = QStringLiteral("wamid.seed.%1").arg(n);
            in.from = from;
            in.profileName = name;
            in.text = text;
            in.timestamp = QDateTime::currentDateTimeUtc();
            ++pending;
            store.insertInbound(in, &context, [&pending](Result<InsertedMessage>) { --pending; });
            if (pending > 2000) {
                settle([&] { return pending < 500; });
            }
        };
        int n = 0;
        for (int i = 0; i < conversations - 1; ++i) {
            insert(QStringLiteral("+4420%1").arg(70000000 + i),
                   QStringLiteral("Customer %1").arg(i),
                   QStringLiteral("Hello"),
                   ++n);
        }
        for (int i = 0; i < threadSize; ++i) {
            insert(QStringLiteral("+5511912345678"),
                   QStringLiteral("Ana Souza"),
                   QStringLiteral("Message %1 of a long conversation about an order that took its time").arg(i),
                   ++n);
        }
        settle([&] { return pending == 0; });
    }
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    loadavg.open(QIODevice::ReadOnly);
    say(QStringLiteral("seeded %1 conversations and a thread of %2 messages in %3 s (load average %4)")
            .arg(conversations)
            .arg(threadSize)
            .arg(clock.elapsed() / 1000.0, 0, 'f', 1)
            .arg(QString::fromLatin1(loadavg.readAll().split(' ').first())));

    EmulatorOptions emulatorOptions;
    emulatorOptions.accessToken = kToken;
    emulatorOptions.appSecret = kSecret;
    emulatorOptions.phoneNumberId = kPhoneId;
    emulatorOptions.wabaId = QStringLiteral("1");
    // The provider is remote in real use: its emulator gets a thread of its own, off the console's.
    QThread emulatorThread;
    QObject emulatorAnchor; // lives on emulatorThread: what runs there is invoked through it
    emulatorAnchor.moveToThread(&emulatorThread);
    emulatorThread.start();
    std::unique_ptr<MetaEmulator> emulatorOwner;
    QMetaObject::invokeMethod(
        &emulatorAnchor,
        [&] {
            emulatorOwner = std::make_unique<MetaEmulator>(emulatorOptions);
            emulatorOwner->listen();
        },
        Qt::BlockingQueuedConnection);
    MetaEmulator& emulator = *emulatorOwner;
    Config config;
    const Config::Origin origin{Config::Source::CommandLine, QString()};
    QUrl api = emulator.baseUrl();
    api.setPath(QStringLiteral("/v23.0"));
    const quint16 port = freePort();
    for (const auto& [key, value] :
         QList<QPair<QString, QString>>{{ConfigKey::Provider, QStringLiteral("direct")},
                                        {ConfigKey::WhatsAppApiUrl, api.toString()},
                                        {ConfigKey::WhatsAppApiToken, kToken},
                                        {ConfigKey::WhatsAppPhoneNumberId, kPhoneId},
                                        {ConfigKey::WhatsAppBusinessAccountId, QStringLiteral("1")},
                                        {ConfigKey::WhatsAppAppSecret, kSecret},
                                        {ConfigKey::WhatsAppVerifyToken, QStringLiteral("v")},
                                        {ConfigKey::Listen, QStringLiteral("127.0.0.1:%1").arg(port)},
                                        {ConfigKey::Database, database},
                                        {ConfigKey::SendRate, QStringLiteral("1000")},
                                        {ConfigKey::ApiToken, kApiToken},
                                        {ConfigKey::MediaCache, dir.filePath(QStringLiteral("media"))}}) {
        config.set(key, value, origin);
    }

    const double rssBefore = residentMb();
    // ---- baseline: a bare list of the same number of rows
    QListView bare;
    QStringListModel bareModel;
    QStringList rows;
    for (int i = 0; i < conversations; ++i) {
        rows << QStringLiteral("Customer %1").arg(i);
    }
    bareModel.setStringList(rows);
    bare.resize(320, 700);
    const double bareMs = timeToPaint(bare.viewport(), [&] {
        bare.setModel(&bareModel);
        bare.show();
    });
    bare.hide();

    // ---- the console
    MainWindow window(config);
    window.resize(1200, 800);
    // Exactly as the console runs it: the service on its own thread, reached through a client.
    ServiceThread host(config);
    std::unique_ptr<ServiceClient> client;
    bool started = false;
    QObject::connect(&host, &ServiceThread::started, &window, [&] {
        client = std::make_unique<ServiceClient>(host.service());
        started = true;
    });
    host.start();
    settle([&] { return started; });
    window.show();
    // Until the first page is painted: pages come from the reader thread.
    const double listMs = timeToPaint(&window, [&] {
        window.attachService(client.get());
        settle([&] { return !window.conversations()->model()->isLoading(); });
    });

    ThreadView* view = window.threadView();
    ThreadModel* thread = window.threadModel();
    ConversationListPanel* list = window.conversations();
    settle([&] { return thread->conversationId() != 0; });
    const qint64 big = list->model()->index(0).data(ConversationListModel::IdRole).toLongLong();
    // The console opens on the newest conversation (the big one): start from another.
    const qint64 other = list->model()->index(1).data(ConversationListModel::IdRole).toLongLong();
    list->selectConversation(other);
    settle([&] { return thread->conversationId() == other; });
    const double threadMs = timeToPaint(view->viewport(), [&] {
        list->selectConversation(big);
        settle([&] { return thread->conversationId() == big && !thread->isLoading(); });
    });
    settle([&] { return thread->conversationId() == big; });

    // ---- scroll the whole thread to the oldest message, one page load at a time (the model keeps
    // a bounded window, so the row count stops growing: a page is done when the first row changes)
    QList<double> pages;
    QElapsedTimer scrollClock;
    scrollClock.start();
    while (thread->hasOlder()) {
        const qint64 firstId = thread->index(0).data(ThreadModel::IdRole).toLongLong();
        QElapsedTimer page;
        page.start();
        view->verticalScrollBar()->setValue(0);
        if (!settle(
                [&] {
                    return thread->index(0).data(ThreadModel::IdRole).toLongLong() != firstId || !thread->hasOlder();
                },
                10000)) {
            break;
        }
        pages << page.nsecsElapsed() / 1e6;
        QCoreApplication::processEvents();
    }
    const double scrollS = scrollClock.elapsed() / 1000.0;
    std::sort(pages.begin(), pages.end());
    const auto percentile = [&pages](double p) {
        return pages.isEmpty() ? 0.0 : pages.at(qMin(pages.size() - 1, qsizetype(p * pages.size())));
    };
    double sum = 0;
    for (const double v : std::as_const(pages)) {
        sum += v;
    }
    const double rssAfter = residentMb();

    // ---- event-loop stalls: idle, then while a burst of webhooks is ingested
    double idleStall = 0;
    {
        StallProbe probe;
        const QDeadlineTimer idle(2000);
        settle([&] { return idle.hasExpired(); }, 3000);
        idleStall = probe.worst;
    }
    // The load comes from wrk, another process, as it would from the provider's servers.
    const QString burstRequests = writeRequests(dir, QStringLiteral("burst.txt"), burst, 0);
    const QString sendRequests = writeRequests(dir, QStringLiteral("sends.txt"), burst / 2, 0, true);
    const QString trickleRequests = writeRequests(dir, QStringLiteral("trickle.txt"), 300, burst + 1000000);
    constexpr int kRate = 5000;
    constexpr int kSeconds = 10;
    const QString floodRequests = writeRequests(dir, QStringLiteral("flood.txt"), kRate * kSeconds, burst + 2000000);
    StallProbe probe;
    WrkLoad burstLoad;
    burstLoad.start(phase(port, "/api/whatsapp/webhook", burstRequests, burst));
    settle([&] { return burstLoad.isFinished(); }, 300000);
    const WrkResult burstRun = burstLoad.result();
    const double burstStall = probe.worst;

    // ---- while agents' sends go out through the API, the store, the outbox and the provider
    const int sends = burst / 2;
    StallProbe sendProbe;
    QElapsedTimer sendClock;
    sendClock.start();
    WrkLoad sendLoad;
    sendLoad.start(phase(port, "/api/whatsapp/send", sendRequests, sends));
    settle([&] { return sendLoad.isFinished() && client->outboxLength() == 0; }, 300000);
    const double sendS = sendClock.elapsed() / 1000.0;
    const WrkResult sendRun = sendLoad.result();
    const double sendStall = sendProbe.worst;

    // ---- stall_slow_reads: every store read 5 ms slower (a database across a network) while the
    // agent browses for 5 s
    double slowReadsStall = 0;
    {
        client->reader()->setReadDelayForTesting(5);
        StallProbe slowProbe;
        const QDeadlineTimer browsing(5000);
        browseUntil(list, view, [&] { return browsing.hasExpired(); });
        slowReadsStall = slowProbe.worst;
        client->reader()->setReadDelayForTesting(0);
    }

    // ---- stall_locked_db: another process holds the database's lock for 3 s while the agent
    // browses and webhooks keep arriving (their answers wait for the lock; the window must not)
    double lockedStall = -1;
    if (!QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty()) {
        LockHolder lock;
        if (lock.take(database)) {
            WrkLoad trickle;
            trickle.start(phase(port, "/api/whatsapp/webhook", trickleRequests, 300, 100));
            StallProbe lockedProbe;
            const QDeadlineTimer held(3000);
            browseUntil(list, view, [&] { return held.hasExpired(); });
            lockedStall = lockedProbe.worst;
            lock.release();
            settle([&] { return trickle.isFinished(); }, 120000);
        } else {
            say(QStringLiteral("stall_locked_db: sqlite3 could not take the lock"));
        }
    } else {
        say(QStringLiteral("stall_locked_db: sqlite3 is not on PATH (apt install sqlite3)"));
    }

    // ---- stall_webhooks_5k: 5,000 signed webhooks a second for 10 s while the agent browses
    StallProbe floodProbe;
    WrkLoad flood;
    flood.start(phase(port, "/api/whatsapp/webhook", floodRequests, kRate * kSeconds, kRate));
    browseUntil(list, view, [&] { return flood.isFinished(); });
    const WrkResult floodRun = flood.result();
    const double floodStall = floodProbe.worst;

    say(QStringLiteral("%1 conversations, a thread of %2 messages").arg(conversations).arg(threadSize));
    result(QStringLiteral("first_paint_list"), listMs, "ms");
    result(QStringLiteral("first_paint_list_baseline_bare_qlistview"), bareMs, "ms");
    result(QStringLiteral("first_paint_thread"), threadMs, "ms");
    result(QStringLiteral("scroll_page_mean"), pages.isEmpty() ? 0 : sum / pages.size(), "ms");
    result(QStringLiteral("scroll_page_p95"), percentile(0.95), "ms");
    result(QStringLiteral("scroll_page_max"), pages.isEmpty() ? 0 : pages.last(), "ms");
    result(QStringLiteral("scroll_whole_thread"), scrollS, "s");
    result(QStringLiteral("resident_memory"), rssAfter, "MB", 0);
    result(QStringLiteral("resident_memory_baseline_before_console"), rssBefore, "MB", 0);
    result(QStringLiteral("stall_idle_baseline"), idleStall, "ms");
    result(QStringLiteral("stall_webhook_burst"), burstStall, "ms");
    result(QStringLiteral("webhook_burst_rate"), burstRun.requestsPerSecond, "req/s", 0);
    result(QStringLiteral("stall_sends"), sendStall, "ms");
    result(QStringLiteral("sends_rate"), sendS > 0 ? sendRun.answeredOk() / sendS : 0, "msg/s", 0);
    result(QStringLiteral("stall_slow_reads"), slowReadsStall, "ms");
    if (lockedStall >= 0) {
        result(QStringLiteral("stall_locked_db"), lockedStall, "ms");
    }
    result(QStringLiteral("stall_webhooks_5k"), floodStall, "ms");
    result(QStringLiteral("webhooks_5k_achieved_rate"), floodRun.requestsPerSecond, "req/s", 0);
    result(QStringLiteral("webhooks_5k_p99"), floodRun.p99Ms, "ms");

    bool stopped = false;
    client->detach();
    host.stop(5000, [&stopped] { stopped = true; });
    settle([&] { return stopped; }, 10000);
    QMetaObject::invokeMethod(
        &emulatorAnchor, [&] { emulatorOwner.reset(); }, Qt::BlockingQueuedConnection);
    emulatorThread.quit();
    emulatorThread.wait();
    return 0;
}
