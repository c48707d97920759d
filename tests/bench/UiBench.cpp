// The console under load: a thread of N messages and a list of M conversations on a real
// SQLite store, then a burst of signed webhooks through the real HTTP receiver (and then agents'
// sends through the local API and the outbox) while the
// window is up. Prints each figure next to a baseline measured in the same run.
//
//   build/bin/UiBench [thread-messages] [conversations] [webhooks]   (default 100000 20000 2000)
//   run with QT_QPA_PLATFORM=offscreen, or under xvfb-run
#include "app/headless/ServiceThread.h"
#include "app/service/ServiceClient.h"
#include "app/service/WhatsAppService.h"
#include "app/store/MessageStore.h"
#include "app/store/StoreReader.h"
#include "providers/NetworkPool.h"
#include "providers/emulator/MetaEmulator.h"
#include "providers/meta/MetaSignature.h"
#include "tests/bench/BenchSupport.h"
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
#include <QNetworkAccessManager>
#include <QNetworkReply>
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
constexpr int kPosterConnections = 64;
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

// Posts `count` signed webhooks (or, for sends, API send requests) from its own thread, 16 at a
// time, at most `perSecond` a second when given; `ok` counts 200s and 202s.
class Poster : public QObject
{
public:
    Poster(QUrl url, int count, bool sends = false, int perSecond = 0, int firstNumber = 0)
        : m_url(std::move(url))
        , m_count(count)
        , m_sends(sends)
        , m_perSecond(perSecond)
        , m_first(firstNumber)
    {
    }
    void run()
    {
        // As many connections as a load balancer or wrk would open; one QNetworkAccessManager
        // runs six at most, which held the flood to about 1,300 a second.
        m_network = new NetworkPool(kPosterConnections, this);
        m_clock.start();
        if (m_perSecond > 0) {
            // A paced sender: every 2 ms, whatever the rate allows so far.
            auto* pace = new QTimer(this);
            pace->setTimerType(Qt::PreciseTimer);
            pace->setInterval(2);
            connect(pace, &QTimer::timeout, this, [this, pace] {
                while (m_inFlight < kPosterConnections && m_sent < allowedSoFar()) {
                    next();
                }
                if (m_sent >= m_count) {
                    pace->stop();
                }
            });
            pace->start();
            return;
        }
        for (int i = 0; i < kPosterConnections; ++i) {
            next();
        }
    }
    std::atomic<int> ok{0};
    std::atomic<int> finished{0};

private:
    int allowedSoFar() const
    {
        return int(std::min<qint64>(m_count, m_clock.elapsed() * m_perSecond / 1000 + 1));
    }
    void next()
    {
        if (m_sent >= m_count || (m_perSecond > 0 && m_sent >= allowedSoFar())) {
            return;
        }
        ++m_inFlight;
        const int number = m_first + m_sent++;
        const QByteArray body = m_sends ? sendRequest(number) : inboundWebhook(number);
        QNetworkRequest request(m_url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        if (m_sends) {
            request.setRawHeader("Authorization", "Bearer " + kApiToken.toUtf8());
        } else {
            request.setRawHeader("X-Hub-Signature-256", MetaSignature::sign(kSecret.toUtf8(), body));
        }
        QNetworkReply* reply = m_network->post(request, body);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200 || status == 202) {
                ++ok;
            } else if (m_firstRefusal.isEmpty()) {
                m_firstRefusal = QString::number(status) + QLatin1Char(' ') + QString::fromUtf8(reply->readAll());
                std::fprintf(stderr, "refused: %s\n", qPrintable(m_firstRefusal));
            }
            ++finished;
            --m_inFlight;
            reply->deleteLater();
            next();
        });
    }
    QUrl m_url;
    int m_count;
    bool m_sends = false;
    int m_perSecond = 0;
    int m_first = 0;
    int m_sent = 0;
    int m_inFlight = 0;
    QElapsedTimer m_clock;
    QString m_firstRefusal;
    NetworkPool* m_network = nullptr;
};

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
    QThread posterThread;
    Poster poster(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/webhook").arg(port)), burst);
    poster.moveToThread(&posterThread);
    posterThread.start();
    StallProbe probe;
    QElapsedTimer burstClock;
    burstClock.start();
    QMetaObject::invokeMethod(&poster, [&poster] { poster.run(); });
    settle([&] { return poster.finished.load() >= burst; }, 300000);
    const double burstS = burstClock.elapsed() / 1000.0;
    const double burstStall = probe.worst;

    // ---- while agents' sends go out through the API, the store, the outbox and the provider
    const int sends = burst / 2;
    Poster sender(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/send").arg(port)), sends, true);
    sender.moveToThread(&posterThread);
    StallProbe sendProbe;
    QElapsedTimer sendClock;
    sendClock.start();
    QMetaObject::invokeMethod(&sender, [&sender] { sender.run(); });
    settle([&] { return sender.finished.load() >= sends && client->outboxLength() == 0; }, 300000);
    const double sendS = sendClock.elapsed() / 1000.0;
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
            Poster trickle(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/webhook").arg(port)),
                           300,
                           false,
                           100,
                           burst + 1000000);
            trickle.moveToThread(&posterThread);
            StallProbe lockedProbe;
            QMetaObject::invokeMethod(&trickle, [&trickle] { trickle.run(); });
            const QDeadlineTimer held(3000);
            browseUntil(list, view, [&] { return held.hasExpired(); });
            lockedStall = lockedProbe.worst;
            lock.release();
            settle([&] { return trickle.finished.load() >= 300; }, 120000);
        } else {
            say(QStringLiteral("stall_locked_db: sqlite3 could not take the lock"));
        }
    } else {
        say(QStringLiteral("stall_locked_db: sqlite3 is not on PATH (apt install sqlite3)"));
    }

    // ---- stall_webhooks_5k: 5,000 signed webhooks a second for 10 s while the agent browses
    constexpr int kRate = 5000;
    constexpr int kSeconds = 10;
    Poster flood(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/webhook").arg(port)),
                 kRate * kSeconds,
                 false,
                 kRate,
                 burst + 2000000);
    flood.moveToThread(&posterThread);
    StallProbe floodProbe;
    QElapsedTimer floodClock;
    floodClock.start();
    QMetaObject::invokeMethod(&flood, [&flood] { flood.run(); });
    browseUntil(list, view, [&] { return flood.finished.load() >= kRate * kSeconds; });
    const double floodS = floodClock.elapsed() / 1000.0;
    const double floodStall = floodProbe.worst;
    posterThread.quit();
    posterThread.wait();

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
    result(QStringLiteral("webhook_burst_rate"), burstS > 0 ? poster.ok.load() / burstS : 0, "req/s", 0);
    result(QStringLiteral("stall_sends"), sendStall, "ms");
    result(QStringLiteral("sends_rate"), sendS > 0 ? sender.ok.load() / sendS : 0, "msg/s", 0);
    result(QStringLiteral("stall_slow_reads"), slowReadsStall, "ms");
    if (lockedStall >= 0) {
        result(QStringLiteral("stall_locked_db"), lockedStall, "ms");
    }
    result(QStringLiteral("stall_webhooks_5k"), floodStall, "ms");
    result(QStringLiteral("webhooks_5k_achieved_rate"), floodS > 0 ? flood.ok.load() / floodS : 0, "req/s", 0);

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
