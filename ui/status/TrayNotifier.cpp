#include "ui/status/TrayNotifier.h"

#include "app/store/StoreReader.h"
#include "ui/UiLogging.h"

#include <QApplication>
#include <QDateTime>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWidget>

namespace
{

// Older messages arriving now (a replay, a provider catching up) are not news.
constexpr qint64 kFreshMs = 5 * 60 * 1000;
constexpr int kNotifiedMemory = 2000;

QString previewOf(const StoredMessage& message)
{
    if (!message.body.isEmpty()) {
        return message.body.left(140);
    }
    switch (message.type) {
    case MessageType::Image:
        return TrayNotifier::tr("Photo");
    case MessageType::Audio:
        return TrayNotifier::tr("Voice message");
    case MessageType::Video:
        return TrayNotifier::tr("Video");
    case MessageType::Document:
        return TrayNotifier::tr("Document");
    case MessageType::Location:
        return TrayNotifier::tr("Location");
    default:
        return TrayNotifier::tr("New message");
    }
}

// The application icon with a red count in the corner, as messengers do.
QIcon badgedIcon(const QIcon& base, int count)
{
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = base.pixmap(size, size);
        if (pixmap.isNull()) {
            pixmap = QPixmap(size, size);
            pixmap.fill(QColor(0x25, 0xd3, 0x66));
        }
        if (count > 0) {
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            const qreal badge = size * 0.6;
            const QRectF circle(size - badge, 0, badge, badge);
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0xd9, 0x30, 0x25));
            painter.drawEllipse(circle);
            QFont font = painter.font();
            font.setBold(true);
            font.setPixelSize(qMax(7, int(badge * 0.62)));
            painter.setFont(font);
            painter.setPen(Qt::white); // white on red: readable on any panel colour
            painter.drawText(circle, Qt::AlignCenter, count > 99 ? QStringLiteral("99+") : QString::number(count));
        }
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

TrayNotifier::TrayNotifier(StoreReader* reader, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_reader(reader)
    , m_recount(new QTimer(this))
{
    m_recount->setSingleShot(true);
    m_recount->setInterval(250);
    connect(m_recount, &QTimer::timeout, this, &TrayNotifier::recount);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setObjectName(QStringLiteral("trayIcon"));
        auto* menu = new QMenu(window);
        menu->addAction(tr("Show FlowChat"), this, [this] {
            if (m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
        menu->addAction(tr("Quit"), qApp, &QApplication::quit, Qt::QueuedConnection);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger && m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_lastNotifiedConversation) {
                emit conversationRequested(m_lastNotifiedConversation);
            }
        });
        updateIcon();
        m_tray->show();
    }
    recount();
}

TrayNotifier::~TrayNotifier() = default;

int TrayNotifier::unreadTotal() const
{
    return m_unread;
}

void TrayNotifier::messageChanged(const StoredMessage& message)
{
    scheduleRecount();
    if (m_notified.contains(message.id) || message.direction != MessageDirection::Inbound
        || message.type == MessageType::Reaction) {
        return;
    }
    if (QDateTime::currentMSecsSinceEpoch() - message.createdAt > kFreshMs) {
        return;
    }
    if (m_notified.size() > kNotifiedMemory) {
        m_notified.clear();
    }
    m_notified.insert(message.id);
    if (m_window && m_window->isActiveWindow()) {
        return;
    }
    notify(message);
}

void TrayNotifier::scheduleRecount()
{
    if (!m_recount->isActive()) {
        m_recount->start();
    }
}

void TrayNotifier::recount()
{
    if (m_counting) { // one count at a time; the next starts when this one answers
        m_countAgain = true;
        return;
    }
    m_counting = true;
    m_reader->unreadTotal(this, [this](Result<int> total) {
        m_counting = false;
        if (total) {
            showUnread(*total);
        } else {
            qCWarning(lcUi) << "could not count unread messages:" << total.error().message;
        }
        if (std::exchange(m_countAgain, false)) {
            scheduleRecount();
        }
    });
}

void TrayNotifier::showUnread(int total)
{
    if (total == m_unread) {
        return;
    }
    m_unread = total;
    updateIcon();
    emit unreadChanged(total);
}

void TrayNotifier::notify(const StoredMessage& message)
{
    const QString title = message.contactName.isEmpty() ? message.contactE164 : message.contactName;
    const QString body = previewOf(message);
    m_lastNotifiedConversation = message.conversationId;
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, body, QSystemTrayIcon::Information, 8000);
    } else if (m_window) {
        QApplication::alert(m_window);
    }
    emit notified(message.conversationId, title, body);
}

void TrayNotifier::updateIcon()
{
    if (!m_tray) {
        return;
    }
    m_tray->setIcon(badgedIcon(QApplication::windowIcon(), m_unread));
    m_tray->setToolTip(m_unread > 0 ? tr("FlowChat: %n unread message(s)", nullptr, m_unread) : tr("FlowChat"));
}
