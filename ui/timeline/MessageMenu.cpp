#include "ui/timeline/MessageMenu.h"

#include "app/service/ServiceClient.h"
#include "ui/thread/ThreadModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QListView>
#include <QMenu>
#include <QUrl>

MessageMenu::MessageMenu(QListView* thread)
    : QObject(thread)
    , m_thread(thread)
{
    thread->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(thread, &QWidget::customContextMenuRequested, this, &MessageMenu::showMenu);
    auto* copyAction = new QAction(tr("Copy text"), thread);
    copyAction->setObjectName(QStringLiteral("actionCopyMessage"));
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    thread->addAction(copyAction);
    connect(copyAction, &QAction::triggered, this, [this] { copy(m_thread->currentIndex()); });
}

void MessageMenu::setService(ServiceClient* service)
{
    m_service = service;
}

void MessageMenu::copy(const QModelIndex& index)
{
    if (!index.isValid()) {
        return;
    }
    const QString text = index.data(ThreadModel::DisplayTextRole).toString();
    QApplication::clipboard()->setText(text.isEmpty() ? index.data(ThreadModel::BodyRole).toString() : text);
}

bool MessageMenu::reply(const QModelIndex& index)
{
    const auto* thread = qobject_cast<const ThreadModel*>(index.model());
    if (!thread) {
        return false;
    }
    const StoredMessage message = thread->messageAt(index.row());
    // WhatsApp quotes by the provider's id: a message that never reached it cannot be answered.
    if (message.providerMessageId.isEmpty()) {
        return false;
    }
    const QString author = ThreadText::author(message);
    const QString text = index.data(ThreadModel::DisplayTextRole).toString();
    emit replyRequested(message.id, author, text.isEmpty() ? message.body : text);
    return true;
}

bool MessageMenu::canOpen(const QModelIndex& index)
{
    const auto* thread = qobject_cast<const ThreadModel*>(index.model());
    if (!thread) {
        return false;
    }
    const StoredMessage message = thread->messageAt(index.row());
    return message.type == MessageType::Location || !message.mediaId.isEmpty() || !message.mediaUrl.isEmpty();
}

void MessageMenu::open(const QModelIndex& index)
{
    const auto* thread = qobject_cast<const ThreadModel*>(index.model());
    if (!thread || !canOpen(index)) {
        return;
    }
    const StoredMessage message = thread->messageAt(index.row());
    if (message.type == MessageType::Location) {
        QDesktopServices::openUrl(index.data(ThreadModel::MapUrlRole).toUrl());
        return;
    }
    // What we sent is at the URL we gave; what the customer sent is fetched through the provider.
    if (message.direction == MessageDirection::Outbound && !message.mediaUrl.isEmpty()) {
        QDesktopServices::openUrl(QUrl(message.mediaUrl));
        return;
    }
    if (!m_service) {
        return;
    }
    emit report(tr("Downloading the attachment…"));
    m_service->fetchMedia(message.id, this, [this](Result<QString> path) {
        if (!path) {
            emit report(tr("Could not open the attachment: %1").arg(path.error().message));
            return;
        }
        QDesktopServices::openUrl(QUrl::fromLocalFile(*path));
    });
}

void MessageMenu::resend(qint64 id)
{
    if (!m_service) {
        return;
    }
    m_service->resend(id, this, [this](Result<SendReceipt> receipt) {
        emit report(receipt ? tr("Sending the message again.")
                            : tr("Could not send it again: %1").arg(receipt.error().message));
    });
}

void MessageMenu::dismiss(qint64 id)
{
    if (!m_service) {
        return;
    }
    m_service->dismiss(id, this, [this](Result<SendReceipt> receipt) {
        emit report(receipt ? tr("Marked as not sent; it will not be sent again.")
                            : tr("Could not dismiss it: %1").arg(receipt.error().message));
    });
}

void MessageMenu::showMenu(const QPoint& position)
{
    const QModelIndex index = m_thread->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    m_thread->setCurrentIndex(index);
    const qint64 id = index.data(ThreadModel::IdRole).toLongLong();
    const auto status = index.data(ThreadModel::StatusRole).value<MessageStatus>();
    const bool outbound =
        index.data(ThreadModel::DirectionRole).toInt() == static_cast<int>(MessageDirection::Outbound);

    QMenu menu(m_thread);
    QAction* replyAction = menu.addAction(tr("Reply"), this, [this, index] { reply(index); });
    replyAction->setEnabled(
        !qobject_cast<const ThreadModel*>(index.model())->messageAt(index.row()).providerMessageId.isEmpty());
    menu.addAction(tr("Copy text"), this, [this, index] { copy(index); });
    if (canOpen(index)) {
        const bool location = index.data(ThreadModel::TypeRole).toInt() == int(MessageType::Location);
        menu.addAction(location ? tr("Open map") : tr("Open"), this, [this, index] { open(index); });
    }
    if (outbound) {
        menu.addAction(tr("Show status timeline"), this, [this, id] { emit statusTimelineRequested(id); });
        if (status == MessageStatus::Failed || status == MessageStatus::Undelivered) {
            menu.addSeparator();
            menu.addAction(tr("Retry"), this, [this, id] { resend(id); });
        } else if (status == MessageStatus::Unknown) {
            menu.addSeparator();
            // The provider may already have it: only the operator can decide to risk a duplicate.
            menu.addAction(tr("Resend (the customer may get it twice)"), this, [this, id] { resend(id); });
            menu.addAction(tr("Dismiss (treat as not sent)"), this, [this, id] { dismiss(id); });
        }
    }
    menu.exec(m_thread->viewport()->mapToGlobal(position));
}
