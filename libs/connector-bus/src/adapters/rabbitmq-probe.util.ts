/**
 * Opens and closes one AMQP connection: resolves when RabbitMQ accepts it. amqplib is loaded by
 * the call, not by importing the library: the embedded profile never calls.
 */
export async function probeRabbitMq(url: string, timeoutMs: number): Promise<void> {
  const { pingRabbitMq } = await import('./rabbitmq-ping.util.js');
  await pingRabbitMq(url, timeoutMs);
}
