<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About FlowChat</source>
        <translation>Acerca de FlowChat</translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
    <message>
        <source>A desktop console for WhatsApp customer support through Twilio or Meta&apos;s Cloud API.</source>
        <translation>Una consola de escritorio para atención al cliente en WhatsApp mediante Twilio o la Cloud API de Meta.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versión %1</translation>
    </message>
    <message>
        <source>Qt %1 (built with Qt %2)</source>
        <translation>Qt %1 (compilado con Qt %2)</translation>
    </message>
    <message>
        <source>Released under the MIT License. Copyright © 2026 the FlowChat authors.</source>
        <translation>Publicado bajo la Licencia MIT. Copyright © 2026 los autores de FlowChat.</translation>
    </message>
    <message>
        <source>Homepage</source>
        <translation>Página web</translation>
    </message>
</context>
<context>
    <name>BubbleDelegate</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>dddd, d MMMM</source>
        <translation>dddd, d &apos;de&apos; MMMM</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation>Plantilla: %1</translation>
    </message>
    <message>
        <source>%1 (code %2)</source>
        <translation>%1 (código %2)</translation>
    </message>
    <message>
        <source>Provider says: %1</source>
        <translation>Respuesta del proveedor: %1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Type a message — Enter sends, Shift+Enter for a new line</source>
        <translation>Escribe un mensaje — Intro envía, Mayús+Intro para una nueva línea</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>Caracteres usados</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>No enviado: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Connecting to the message service…</source>
        <translation>Conectando con el servicio de mensajes…</translation>
    </message>
    <message>
        <source>The 24-hour window is closed: the customer has not written in the last 24 hours, so WhatsApp only accepts an approved template. Send a template to reopen the conversation.</source>
        <translation>La ventana de 24 horas está cerrada: el cliente no ha escrito en las últimas 24 horas, así que WhatsApp solo acepta una plantilla aprobada. Envía una plantilla para reabrir la conversación.</translation>
    </message>
    <message>
        <source>WhatsApp accepts at most %1 characters.</source>
        <translation>WhatsApp acepta como máximo %1 caracteres.</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n sin leer</numerusform>
            <numerusform>%1, %n sin leer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationListPanel</name>
    <message>
        <source>Search names, numbers and messages</source>
        <translation>Buscar nombres, números y mensajes</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Sin leer</translation>
    </message>
    <message>
        <source>Window open</source>
        <translation>Ventana abierta</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Mostrar %1</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Todavía no hay conversaciones.</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>No hay coincidencias.</translation>
    </message>
</context>
<context>
    <name>CopyableField</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copiar al portapapeles</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sandbox emulator</source>
        <translation>Emulador de pruebas</translation>
    </message>
    <message>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <source>Meta Cloud API</source>
        <translation>Cloud API de Meta</translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
    <message>
        <source>Starting the message service…</source>
        <translation>Iniciando el servicio de mensajes…</translation>
    </message>
    <message>
        <source>FlowChat cannot start until the problems below are fixed.</source>
        <translation>FlowChat no puede iniciarse hasta que se corrijan los problemas siguientes.</translation>
    </message>
    <message>
        <source>The message service could not start: %1</source>
        <translation>No se pudo iniciar el servicio de mensajes: %1</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>Bandeja de salida: %n en espera</numerusform>
            <numerusform>Bandeja de salida: %n en espera</numerusform>
        </translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL del webhook</translation>
    </message>
    <message>
        <source>not set (FLOWCHAT_PUBLIC_URL)</source>
        <translation>sin definir (FLOWCHAT_PUBLIC_URL)</translation>
    </message>
    <message>
        <source>Webhook refused — diagnose</source>
        <translation>Webhook rechazado — diagnosticar</translation>
    </message>
    <message>
        <source>A webhook was refused: %1</source>
        <translation>Se rechazó un webhook: %1</translation>
    </message>
    <message>
        <source>FlowChat (%1)</source>
        <translation>FlowChat (%1)</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversación anterior</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Conversación siguiente</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Borrar búsqueda</translation>
    </message>
    <message>
        <source>Sandbox mode: nothing reaches WhatsApp</source>
        <translation>Modo de pruebas: nada llega a WhatsApp</translation>
    </message>
    <message>
        <source>Messages go to a built-in emulator. Set WHATSAPP_PROVIDER to twilio or direct to reach real customers.</source>
        <translation>Los mensajes van a un emulador integrado. Define WHATSAPP_PROVIDER como twilio o direct para llegar a clientes reales.</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>not recognised (see the problems below)</source>
        <translation>no reconocido (consulta los problemas siguientes)</translation>
    </message>
    <message>
        <source>Sandbox (built-in emulator)</source>
        <translation>Pruebas (emulador integrado)</translation>
    </message>
    <message>
        <source>Meta WhatsApp Cloud API (direct)</source>
        <translation>WhatsApp Cloud API de Meta (direct)</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>Message store:</source>
        <translation>Almacén de mensajes:</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>Escuchando en:</translation>
    </message>
    <message>
        <source>Webhook URL:</source>
        <translation>URL del webhook:</translation>
    </message>
    <message>
        <source>.env file:</source>
        <translation>Archivo .env:</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>no se encontró ninguno</translation>
    </message>
    <message>
        <source>Configuration problems</source>
        <translation>Problemas de configuración</translation>
    </message>
    <message>
        <source>No configuration problems.</source>
        <translation>No hay problemas de configuración.</translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation>Problema con %1</translation>
    </message>
    <message>
        <source>Warning about %1</source>
        <translation>Aviso sobre %1</translation>
    </message>
    <message>
        <source>FlowChat works, but check the warnings above.</source>
        <translation>FlowChat funciona, pero revisa los avisos anteriores.</translation>
    </message>
    <message>
        <source>Fix these in your .env file or environment, then start FlowChat again.</source>
        <translation>Corrígelos en tu archivo .env o en el entorno y vuelve a iniciar FlowChat.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Seguir el &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
</context>
<context>
    <name>ProviderHealth</name>
    <message>
        <source>No provider is configured</source>
        <translation>No hay ningún proveedor configurado</translation>
    </message>
</context>
<context>
    <name>ProviderStatusLabel</name>
    <message>
        <source>checking…</source>
        <translation>comprobando…</translation>
    </message>
    <message>
        <source>answering</source>
        <translation>respondiendo</translation>
    </message>
    <message>
        <source>refuses our credentials</source>
        <translation>rechaza nuestras credenciales</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The provider answered the last check.</source>
        <translation>El proveedor respondió a la última comprobación.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Sticker</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Tarjeta de contacto</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Reacción</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>📷 Photo</source>
        <translation>📷 Foto</translation>
    </message>
    <message>
        <source>🎤 Audio</source>
        <translation>🎤 Audio</translation>
    </message>
    <message>
        <source>🎬 Video</source>
        <translation>🎬 Vídeo</translation>
    </message>
    <message>
        <source>📄 Document</source>
        <translation>📄 Documento</translation>
    </message>
    <message>
        <source>📄 %1</source>
        <translation>📄 %1</translation>
    </message>
    <message>
        <source>📍 Location %1, %2</source>
        <translation>📍 Ubicación %1, %2</translation>
    </message>
    <message>
        <source>👤 Contact card</source>
        <translation>👤 Tarjeta de contacto</translation>
    </message>
    <message>
        <source>Reacted %1</source>
        <translation>Reaccionó con %1</translation>
    </message>
    <message>
        <source>A message FlowChat cannot show</source>
        <translation>Un mensaje que FlowChat no puede mostrar</translation>
    </message>
</context>
<context>
    <name>StatusTicks</name>
    <message>
        <source>Waiting to send</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Queued by the provider</source>
        <translation>En cola del proveedor</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Resultado desconocido</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
</context>
<context>
    <name>ThreadHeader</name>
    <message>
        <source>Contact name</source>
        <translation>Nombre del contacto</translation>
    </message>
    <message>
        <source>Contact number</source>
        <translation>Número del contacto</translation>
    </message>
    <message>
        <source>24-hour window</source>
        <translation>Ventana de 24 horas</translation>
    </message>
    <message>
        <source>Window closed — templates only</source>
        <translation>Ventana cerrada — solo plantillas</translation>
    </message>
    <message numerus="yes">
        <source>Window open — %n h left</source>
        <translation>
            <numerusform>Ventana abierta — queda %n h</numerusform>
            <numerusform>Ventana abierta — quedan %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Window open — %n min left</source>
        <translation>
            <numerusform>Ventana abierta — queda %n min</numerusform>
            <numerusform>Ventana abierta — quedan %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>Ninguna conversación seleccionada</translation>
    </message>
</context>
<context>
    <name>ThreadModel</name>
    <message>
        <source>Received: %1</source>
        <translation>Recibido: %1</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Enviado: %1</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Resultado desconocido</translation>
    </message>
    <message>
        <source>The request may have reached WhatsApp. Resend it or dismiss it.</source>
        <translation>Es posible que la solicitud haya llegado a WhatsApp. Vuelve a enviarla o descártala.</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensaje de voz</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Mensaje nuevo</translation>
    </message>
    <message>
        <source>Show FlowChat</source>
        <translation>Mostrar FlowChat</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message numerus="yes">
        <source>FlowChat: %n unread message(s)</source>
        <translation>
            <numerusform>FlowChat: %n mensaje sin leer</numerusform>
            <numerusform>FlowChat: %n mensajes sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
</context>
</TS>
