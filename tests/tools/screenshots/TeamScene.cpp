#include "tests/tools/screenshots/TeamScene.h"

#include "app/config/Config.h"
#include "app/headless/ServiceHost.h"
#include "app/headless/ServiceThread.h"
#include "app/service/ServiceClient.h"
#include "ui/MainWindow.h"
#include "ui/composer/Composer.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/thread/ThreadHeader.h"
#include "ui/thread/ThreadModel.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPainter>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace
{

// Not "Ana": the sandbox's sample customer is Ana.
const QString kFirstAgent = u"Carla Dias"_s;
const QString kSecondAgent = u"Ben Carter"_s;
constexpr int kWindowWidth = 820;
constexpr int kWindowHeight = 580;

bool settle(const std::function<bool()>& done, int ms = 15000)
{
    const QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return done();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// One statement on the server's maintenance database (libpq's environment names the server);
// the error, or empty.
QString runOnServer(const QString& statement)
{
    const QString connection = u"flowchat.screenshots.server"_s;
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setDatabaseName(u"postgres"_s);
        db.setConnectOptions(u"connect_timeout=3"_s);
        if (!db.open()) {
            error = db.lastError().text();
        } else if (QSqlQuery query(db); !query.exec(statement)) {
            error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

Config teamConfig(const QString& database, const QString& listen, const QString& media, const QString& agent)
{
    Config config;
    const Config::Origin origin{Config::Source::SavedSettings, QString()};
    config.set(ConfigKey::Provider, u"sandbox"_s, origin);
    config.set(ConfigKey::Database, database, origin);
    // The same address for all: a console's sandbox customer writes to the receiver.
    config.set(ConfigKey::Listen, listen, origin);
    config.set(ConfigKey::MediaCache, media, origin);
    if (!agent.isEmpty()) {
        config.set(ConfigKey::Agent, agent, origin);
    }
    return config;
}

// An agent's console, as `flowchat` builds it on a team database: its service thread (a client:
// no receiver, no outbox), the client, and the window attached to it.
struct Console
{
    QString agent;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<ServiceThread> service;
    std::unique_ptr<ServiceClient> client;
    bool started = false;
    QString problem;
};

std::unique_ptr<Console> startConsole(const Config& config, const QString& agent)
{
    auto console = std::make_unique<Console>();
    console->agent = agent;
    console->window = std::make_unique<MainWindow>(config);
    console->window->resize(kWindowWidth, kWindowHeight);
    console->window->show();
    console->service = std::make_unique<ServiceThread>(config);
    Console* raw = console.get();
    QObject::connect(console->service.get(), &ServiceThread::started, raw->window.get(), [raw] {
        raw->client = std::make_unique<ServiceClient>(raw->service->service());
        raw->window->attachService(raw->client.get());
        raw->started = true;
    });
    QObject::connect(console->service.get(), &ServiceThread::failed, raw->window.get(), [raw](const Error& error) {
        raw->problem = error.message;
    });
    console->service->start();
    settle([raw] { return raw->started || !raw->problem.isEmpty(); }, 20000);
    return console;
}

void stopConsole(Console& console)
{
    if (console.client) {
        console.client->detach();
    }
    if (console.service) {
        bool stopped = false;
        console.service->stop(5000, [&stopped] { stopped = true; });
        settle([&stopped] { return stopped; });
    }
    console.window.reset();
    console.client.reset();
    console.service.reset();
}

// Sends through the console's client, as its composer would; the new row's id, or 0.
qint64 send(Console& console, const QString& to, const QString& body)
{
    SendRequest request;
    request.to = to;
    request.body = body;
    std::optional<Result<SendReceipt>> answer;
    console.client->send(
        request, console.window.get(), [&answer](Result<SendReceipt> receipt) { answer = std::move(receipt); });
    settle([&answer] { return answer.has_value(); });
    return answer && *answer ? (**answer).id : 0;
}

bool isRead(ThreadModel* thread, qint64 id)
{
    for (int row = 0; row < thread->rowCount(); ++row) {
        const QModelIndex index = thread->index(row);
        if (index.data(ThreadModel::IdRole).toLongLong() == id) {
            return index.data(ThreadModel::StatusRole).value<MessageStatus>() == MessageStatus::Read;
        }
    }
    return false;
}

// Both windows side by side on a light backdrop, each under its agent's name.
QImage sideBySide(const QList<std::pair<QString, QPixmap>>& shots)
{
    constexpr int margin = 16;
    constexpr int caption = 30;
    int width = margin;
    int height = 0;
    for (const auto& [agent, shot] : shots) {
        width += shot.width() + margin;
        height = std::max(height, shot.height());
    }
    const qreal dpr = shots.isEmpty() ? 1.0 : shots.first().second.devicePixelRatio();
    QImage image(QSize(width, height + caption + 2 * margin) * dpr, QImage::Format_RGB32);
    image.setDevicePixelRatio(dpr);
    image.fill(QColor(0xdd, 0xe1, 0xe6));
    QPainter painter(&image);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(16);
    painter.setFont(font);
    int x = margin;
    for (const auto& [agent, shot] : shots) {
        painter.setPen(QColor(0x20, 0x24, 0x2a));
        painter.drawText(QRect(x, margin, shot.width(), caption),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QCoreApplication::translate("TeamScene", "%1's console").arg(agent));
        painter.drawPixmap(x, margin + caption, shot);
        painter.setPen(QColor(0xa0, 0xa6, 0xae));
        painter.drawRect(QRect(x - 1, margin + caption - 1, shot.width() + 1, shot.height() + 1));
        x += shot.width() + margin;
    }
    return image;
}

} // namespace

namespace TeamScene
{

Outcome shoot(const QString& path, QString* message)
{
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        *message = u"Qt's PostgreSQL driver (libqt6sql6-psql) is not installed"_s;
        return Outcome::Skipped;
    }
    const QString name = u"flowchat_screenshots_%1"_s.arg(QCoreApplication::applicationPid());
    if (const QString error = runOnServer(u"CREATE DATABASE "_s + name); !error.isEmpty()) {
        *message = u"no PostgreSQL answers on PGHOST/PGPORT (scripts/screenshots.sh starts one with "
                   "pg_virtualenv): "_s
                   + error;
        return Outcome::Skipped;
    }
    QTemporaryDir dir;
    const QString database = u"postgresql:///"_s + name;
    const QString listen = u"127.0.0.1:%1"_s.arg(freePort());
    Outcome outcome = Outcome::Failed;

    // The team's receiver, which also sends (it takes the outbox lock): `flowchat --headless`.
    ServiceHost receiver(teamConfig(database, listen, dir.filePath(u"receiver"_s), QString()));
    bool receiving = false;
    QObject::connect(&receiver, &ServiceHost::started, &receiver, [&receiving] { receiving = true; });
    QObject::connect(
        &receiver, &ServiceHost::failed, &receiver, [message](const Error& error) { *message = error.message; });
    receiver.start();
    std::unique_ptr<Console> first;
    std::unique_ptr<Console> second;
    const auto fail = [message](const QString& what) {
        if (message->isEmpty()) {
            *message = what;
        }
    };
    [&] {
        if (!settle([&] { return receiving || !message->isEmpty(); }, 20000) || !receiving) {
            return fail(u"the receiver did not start"_s);
        }
        first = startConsole(teamConfig(database, listen, dir.filePath(u"first"_s), kFirstAgent), kFirstAgent);
        second = startConsole(teamConfig(database, listen, dir.filePath(u"second"_s), kSecondAgent), kSecondAgent);
        if (!first->started || !second->started) {
            return fail(u"a console's service did not start: "_s + first->problem + second->problem);
        }
        MainWindow* firstWindow = first->window.get();
        MainWindow* secondWindow = second->window.get();

        // The sample customer writes in, through the sandbox's signed webhook to the receiver.
        bool customerAsked = false;
        first->client->simulateCustomerMessage(firstWindow, [&customerAsked](Result<void>) { customerAsked = true; });
        if (!settle([&] {
                return firstWindow->conversations()->model()->rowCount() > 0
                       && secondWindow->conversations()->model()->rowCount() > 0;
            })) {
            return fail(u"the customer's message reached no console"_s);
        }
        const QModelIndex row = firstWindow->conversations()->model()->index(0);
        const qint64 conversation = row.data(ConversationListModel::IdRole).toLongLong();
        const QString customer = row.data(ConversationListModel::E164Role).toString();
        // Both agents open it; each one's thread header says the other is there.
        firstWindow->conversations()->selectConversation(conversation);
        secondWindow->conversations()->selectConversation(conversation);
        if (!settle([&] {
                return firstWindow->threadModel()->rowCount() > 0 && secondWindow->threadModel()->rowCount() > 0
                       && first->client->isTeamSenderRunning() && second->client->isTeamSenderRunning();
            })) {
            return fail(u"the conversation did not open in both consoles"_s);
        }

        // Each agent answers; the receiver sends both, and the emulator reports delivered and read.
        const qint64 fromFirst =
            send(*first, customer, u"Hi Ana, this is Carla. Let me check with the warehouse for you."_s);
        const qint64 fromSecond =
            send(*second, customer, u"Ben from shipping here: it left this morning, tracking BX-4471."_s);
        if (!fromFirst || !fromSecond) {
            return fail(u"an agent's message was not stored"_s);
        }
        // Carla starts her next answer: Ben's header says she is replying.
        firstWindow->composer()->editor()->setPlainText(u"Thanks Ben! Ana, it should reach you on Thursday."_s);
        const QString replying = QCoreApplication::translate("PresenceBoard", "%1 is replying…").arg(kFirstAgent);
        if (!settle([&] {
                return isRead(secondWindow->threadModel(), fromFirst) && isRead(secondWindow->threadModel(), fromSecond)
                       && isRead(firstWindow->threadModel(), fromFirst)
                       && isRead(firstWindow->threadModel(), fromSecond)
                       && secondWindow->threadHeader()->presenceText() == replying;
            })) {
            return fail(
                u"the messages were not read, or Ben's header does not say Carla is replying (it says \"%1\")"_s.arg(
                    secondWindow->threadHeader()->presenceText()));
        }
        settle([] { return false; }, 300); // the last paint lands
        const QImage image = sideBySide({{kFirstAgent, firstWindow->grab()}, {kSecondAgent, secondWindow->grab()}});
        if (!image.save(path)) {
            return fail(u"could not write "_s + path);
        }
        *message = u"wrote "_s + path;
        outcome = Outcome::Written;
    }();

    for (Console* console : {first.get(), second.get()}) {
        if (console) {
            stopConsole(*console);
        }
    }
    bool stopped = false;
    QObject::connect(&receiver, &ServiceHost::stopped, &receiver, [&stopped] { stopped = true; });
    receiver.stop(5000);
    settle([&stopped] { return stopped; });
    runOnServer(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name));
    return outcome;
}

} // namespace TeamScene
