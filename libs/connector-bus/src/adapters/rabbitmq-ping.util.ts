import { connect } from 'amqplib';

/** Opens and closes one AMQP connection: resolves when RabbitMQ accepts it. */
export async function pingRabbitMq(url: string, timeoutMs: number): Promise<void> {
  const connection = await connect(url, { timeout: timeoutMs });
  await connection.close();
}
