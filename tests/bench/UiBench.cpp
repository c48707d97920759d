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
#include "providers/emulator/MetaEmulator.h"
#include "providers/meta/MetaSignature.h"
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
#include <QScrollBar>
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

const QString kSecret = QStringLiteral("bench-app-secret");
const QString kToken = QStringLiteral("bench-token");
const QString kApiToken = QStringLiteral("bench-api-token");
const QString kPhoneId = QStringLiteral("106540352242922");

void say(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

bool settle(const std::function<bool()>& done, int ms = 600000)
{
    const QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return done();
}

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
// time; `ok` counts 200s and 202s.
class Poster : public QObject
{
public:
    Poster(QUrl url, int count, bool sends = false)
        : m_url(std::move(url))
        , m_count(count)
        , m_sends(sends)
    {
    }
    void run()
    {
        m_network = new QNetworkAccessManager(this);
        for (int i = 0; i < 16; ++i) {
            next();
        }
    }
    std::atomic<int> ok{0};
    std::atomic<int> finished{0};

private:
    void next()
    {
        if (m_sent >= m_count) {
            return;
        }
        const QByteArray body = m_sends ? sendRequest(m_sent++) : inboundWebhook(m_sent++);
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
            reply->deleteLater();
            next();
        });
    }
    QUrl m_url;
    int m_count;
    bool m_sends = false;
    int m_sent = 0;
    QString m_firstRefusal;
    QNetworkAccessManager* m_network = nullptr;
};

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

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

    // ---- while agents' sends go out: API request, store, outbox, provider, all on this thread
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
    posterThread.quit();
    posterThread.wait();

    say(QStringLiteral("\n%1 | %2 | %3")
            .arg(QStringLiteral("figure"), -44)
            .arg(QStringLiteral("FlowChat"), 14)
            .arg(QStringLiteral("baseline")));
    say(QStringLiteral("%1 | %2 | %3")
            .arg(QStringLiteral("first paint, %1 conversations").arg(conversations), -44)
            .arg(QStringLiteral("%1 ms").arg(listMs, 0, 'f', 1), 14)
            .arg(QStringLiteral("%1 ms (bare QListView, same rows)").arg(bareMs, 0, 'f', 1)));
    say(QStringLiteral("%1 | %2 |")
            .arg(QStringLiteral("first paint, thread of %1").arg(threadSize), -44)
            .arg(QStringLiteral("%1 ms").arg(threadMs, 0, 'f', 1), 14));
    say(QStringLiteral("%1 | %2 | %3")
            .arg(QStringLiteral("page while scrolling up (%1 pages)").arg(pages.size()), -44)
            .arg(QStringLiteral("mean %1 ms").arg(pages.isEmpty() ? 0 : sum / pages.size(), 0, 'f', 1), 14)
            .arg(QStringLiteral("p95 %1 ms, max %2 ms, whole thread in %3 s")
                     .arg(percentile(0.95), 0, 'f', 1)
                     .arg(pages.isEmpty() ? 0 : pages.last(), 0, 'f', 1)
                     .arg(scrollS, 0, 'f', 1)));
    say(QStringLiteral("%1 | %2 | %3")
            .arg(QStringLiteral("resident memory"), -44)
            .arg(QStringLiteral("%1 MB").arg(rssAfter, 0, 'f', 0), 14)
            .arg(QStringLiteral("%1 MB before the console opened").arg(rssBefore, 0, 'f', 0)));
    say(QStringLiteral("%1 | %2 | %3")
            .arg(QStringLiteral("longest stall, %1 webhooks in %2 s (%3 ok)")
                     .arg(burst)
                     .arg(burstS, 0, 'f', 1)
                     .arg(poster.ok.load()),
                 -44)
            .arg(QStringLiteral("%1 ms").arg(burstStall, 0, 'f', 1), 14)
            .arg(QStringLiteral("%1 ms idle").arg(idleStall, 0, 'f', 1)));

    say(QStringLiteral("%1 | %2 | %3")
            .arg(QStringLiteral("longest stall, %1 sends out in %2 s (%3 accepted)")
                     .arg(sends)
                     .arg(sendS, 0, 'f', 1)
                     .arg(sender.ok.load()),
                 -44)
            .arg(QStringLiteral("%1 ms").arg(sendStall, 0, 'f', 1), 14)
            .arg(QStringLiteral("%1 ms idle").arg(idleStall, 0, 'f', 1)));

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
